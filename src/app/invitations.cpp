#include "convene/app/invitations.hpp"

#include <filesystem>
#include <ostream>

#include <fmt/format.h>

#include "convene/app/attendee_rows.hpp"
#include "convene/app/invitation_messages.hpp"
#include "convene/domain/invitation_ledger.hpp"
#include "convene/error.hpp"
#include "convene/io/output_file.hpp"

namespace convene::app {

namespace {

namespace fs = std::filesystem;

InvitationSummary write_one(store::Database& db, const InvitationRequest& request,
                            const domain::Event& event, const ics::EventDetails& details,
                            std::ostream& out) {
    InvitationMessages messages(event, details, request.messages);
    std::optional<domain::Itip> method;
    const auto write = [&](const domain::Attendee& attendee) {
        const auto& registration = attendee.registration;
        method = method_for(event, registration.status);
        if (!method) {
            throw ConflictError(
                fmt::format("{} is on the waiting list of {}: no invitation until a seat frees up",
                            registration.email, event.slug));
        }
        const auto last = domain::last_sent_of(attendee);
        const auto sequence = domain::sequence_for(event, registration, *method, last);
        const Recipient recipient{{registration.name, registration.email},
                                  registration.language,
                                  domain::new_time_or_place(event, last),
                                  last ? last->schedule : std::string()};
        if (request.output.empty() || request.output == "-") {
            messages.write(out, *method, sequence, recipient);
        } else {
            io::OutputFile file(request.output, io::OutputFile::Access::private_data);
            messages.write(file.stream(), *method, sequence, recipient);
            file.commit();
        }
    };
    if (!AttendeeRows(db, event).visit_one(request.attendee, {.last_sent = true}, write)) {
        throw NotFoundError(
            fmt::format("'{}' is not registered for {}", request.attendee, event.slug),
            fmt::format("see convene list attendees {}", event.slug));
    }
    return *method == domain::Itip::request ? InvitationSummary{1, 0} : InvitationSummary{0, 1};
}

InvitationSummary write_folder(store::Database& db, const InvitationRequest& request,
                               const domain::Event& event, const ics::EventDetails& details,
                               Progress& progress) {
    InvitationMessages messages(event, details, request.messages);
    const fs::path folder(request.folder);
    std::error_code error;
    fs::create_directories(folder, error);
    if (error || !fs::is_directory(folder)) {
        throw UsageError(fmt::format("cannot write invitations to {}: {}", request.folder,
                                     error ? error.message() : "not a folder"));
    }
    // Hidden files of an earlier run that was interrupted (Ctrl-C, SIGKILL) go now.
    io::remove_stale_temporaries(folder);
    // What is there already: a name not in it is written without a look-up first.
    const auto existing = io::names_in(folder);
    std::string prefix = folder.native();
    if (prefix.back() != '/') prefix += '/';
    const std::string extension = request.messages.eml ? "eml" : "ics";
    InvitationSummary summary;
    // A name and an address are all it needs, and the ledger (read whole, not a query each).
    AttendeeRows(db, event).for_each({.last_sent = true}, [&](const domain::Attendee& attendee) {
        const auto& registration = attendee.registration;
        const auto method = method_for(event, registration.status);
        if (!method) return;
        const auto last = domain::last_sent_of(attendee);
        // Each file whole or not at all: a mail script may pick them up while we write.
        const auto name = ics::invitation_file_name(registration.email, extension);
        io::OutputFile file(prefix, name, io::OutputFile::Access::private_data,
                            !existing.contains(name));
        messages.write(file.stream(), *method,
                       domain::sequence_for(event, registration, *method, last),
                       {{registration.name, registration.email},
                        registration.language,
                        domain::new_time_or_place(event, last),
                        last ? last->schedule : std::string()});
        file.commit();
        ++(*method == domain::Itip::request ? summary.requests : summary.cancellations);
        progress.update(summary.requests + summary.cancellations);
    });
    return summary;
}

}  // namespace

std::optional<domain::Itip> method_for(const domain::Event& event,
                                       domain::RegistrationStatus status) {
    switch (status) {
        case domain::RegistrationStatus::waitlisted: return std::nullopt;
        case domain::RegistrationStatus::cancelled: return domain::Itip::cancel;
        case domain::RegistrationStatus::registered:
            return event.status == domain::EventStatus::cancelled ? domain::Itip::cancel
                                                                  : domain::Itip::request;
    }
    return std::nullopt;
}

InvitationSummary write_invitations(store::Database& db, const InvitationRequest& request,
                                    const domain::Event& event, const ics::EventDetails& details,
                                    std::ostream& out, Progress& progress) {
    if (request.attendee.empty()) return write_folder(db, request, event, details, progress);
    return write_one(db, request, event, details, out);
}

}  // namespace convene::app
