#pragma once
// The invitation templates a person keeps in a folder (convene-templates(5)): read here, their
// placeholders checked and filled by mail::InvitationLetter.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace convene::io {

struct TemplateFile {
    std::string name;    // the path, as messages name it
    std::string source;  // the whole text
};

// invitation.LOCALE.EXTENSION in `folder`, else invitation.EXTENSION ("invitation.fr.txt",
// "invitation.txt"); nothing when `folder` is empty or holds neither. A name that is there but
// is not a regular file (a FIFO, a folder, a dangling link), cannot be read, is not UTF-8 or
// is larger than an event file may be is a BadInputError; a `folder` that does not exist is a
// UsageError (check_template_folder). None of them falls back to the built-in text.
// A UsageError naming invitations.templates when `folder` is set but is not a folder.
void check_template_folder(const std::filesystem::path& folder);

std::optional<TemplateFile> read_invitation_template(const std::filesystem::path& folder,
                                                     std::string_view locale,
                                                     std::string_view extension);

}  // namespace convene::io
