#include "convene/io/template_file.hpp"

#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "convene/domain/limits.hpp"
#include "convene/error.hpp"

namespace convene::io {

namespace fs = std::filesystem;

std::optional<TemplateFile> read_invitation_template(const fs::path& folder,
                                                     std::string_view locale,
                                                     std::string_view extension) {
    if (folder.empty()) return std::nullopt;
    for (const auto& file_name : {fmt::format("invitation.{}.{}", locale, extension),
                                  fmt::format("invitation.{}", extension)}) {
        const auto path = folder / file_name;
        std::error_code error;
        if (!fs::exists(path, error)) continue;
        std::ifstream in(path, std::ios::binary);
        if (!in || fs::is_directory(path, error)) {
            throw BadInputError(fmt::format("{}: cannot be read", path.string()));
        }
        // One byte more than allowed is enough to tell that the file is too large.
        std::string text(domain::k_max_event_file_bytes + 1, '\0');
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        if (in.bad()) throw BadInputError(fmt::format("{}: read error", path.string()));
        text.resize(static_cast<std::size_t>(in.gcount()));
        if (text.size() > domain::k_max_event_file_bytes) {
            throw BadInputError(fmt::format("{}: larger than {} KiB", path.string(),
                                            domain::k_max_event_file_bytes / 1024));
        }
        return TemplateFile{path.string(), std::move(text)};
    }
    return std::nullopt;
}

}  // namespace convene::io
