#include "invitations.hpp"

#include <filesystem>
#include <memory>
#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include "convene/app/invitation_messages.hpp"
#include "convene/error.hpp"
#include "convene/io/output_file.hpp"
#include "convene/store/ledger_store.hpp"
#include "convene/store/registration_store.hpp"

namespace convene::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t k_progress_every = 1'000;

// The SEQUENCE the ledger calls for, so that files and `send` agree (issue: a person who got
// a CANCEL must never be handed a lower-numbered REQUEST).
std::int64_t sequence_for(store::LedgerStore& ledger, const domain::Event& event,
                          ics::Method method, const std::string& email) {
    return domain::sequence_for(event, method, ledger.last_sent(event.id, email));
}

void write_one(const InvitationRequest& request, const domain::Event& event,
               const ics::EventDetails& details, Context& context) {
    app::InvitationMessages messages(event, details, context, request.eml);
    store::RegistrationStore registrations(context.database());
    store::LedgerStore ledger(context.database());
    const auto registration = registrations.find_by_email(event.id, request.attendee);
    if (!registration) {
        throw NotFoundError(
            fmt::format("'{}' is not registered for {}", request.attendee, event.slug),
            fmt::format("see convene list attendees {}", event.slug));
    }
    const auto method = method_for(event, registration->status);
    if (!method) {
        throw ConflictError(
            fmt::format("{} is on the waiting list of {}: no invitation until a seat frees up",
                        registration->email, event.slug));
    }
    const ics::Person person{registration->name, registration->email};
    const auto sequence = sequence_for(ledger, event, *method, registration->email);
    if (request.output.empty() || request.output == "-") {
        messages.write(context.out(), *method, sequence, person);
        return;
    }
    io::OutputFile file(request.output, io::Access::owner_only);
    messages.write(file.stream(), *method, sequence, person);
    file.commit();
}

void write_folder(const InvitationRequest& request, const domain::Event& event,
                  const ics::EventDetails& details, Context& context) {
    app::InvitationMessages messages(event, details, context, request.eml);
    store::LedgerStore ledger(context.database());
    const fs::path folder(request.folder);
    std::error_code error;
    fs::create_directories(folder, error);
    if (error || !fs::is_directory(folder)) {
        throw UsageError(fmt::format("cannot write invitations to {}: {}", request.folder,
                                     error ? error.message() : "not a folder"));
    }
    const std::string extension = request.eml ? "eml" : "ics";
    const bool show_progress = context.stderr_is_terminal() && !context.options().quiet;
    std::size_t requests = 0;
    std::size_t cancellations = 0;
    store::RegistrationStore registrations(context.database());
    registrations.for_each(event.id, {}, [&](const domain::Registration& registration) {
        const auto method = method_for(event, registration.status);
        if (!method) return;
        // Each file whole or not at all: a mail script may pick them up while we write.
        io::OutputFile file(folder / ics::invitation_file_name(registration.email, extension),
                            io::Access::owner_only);
        messages.write(file.stream(), *method,
                       sequence_for(ledger, event, *method, registration.email),
                       {registration.name, registration.email});
        file.commit();
        ++(*method == ics::Method::request ? requests : cancellations);
        if (show_progress && (requests + cancellations) % k_progress_every == 0) {
            context.err() << fmt::format("\rconvene: {} messages…", requests + cancellations)
                          << std::flush;
        }
    });
    if (show_progress) context.err() << "\r\033[K";
    context.note(fmt::format("wrote {} invitation(s) and {} cancellation(s) to {}", requests,
                             cancellations, request.folder));
}

}  // namespace

std::optional<ics::Method> method_for(const domain::Event& event,
                                      domain::RegistrationStatus status) {
    switch (status) {
        case domain::RegistrationStatus::waitlisted: return std::nullopt;
        case domain::RegistrationStatus::cancelled: return ics::Method::cancel;
        case domain::RegistrationStatus::registered:
            return event.status == domain::EventStatus::cancelled ? ics::Method::cancel
                                                                  : ics::Method::request;
    }
    return std::nullopt;
}

void write_invitations(const InvitationRequest& request, const domain::Event& event,
                       const ics::EventDetails& details, Context& context) {
    if (request.attendee.empty()) {
        write_folder(request, event, details, context);
    } else {
        write_one(request, event, details, context);
    }
}

}  // namespace convene::cli
