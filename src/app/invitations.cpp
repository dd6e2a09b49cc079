#include "convene/app/invitations.hpp"

#include <filesystem>
#include <memory>
#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/export/event_page.hpp"
#include "convene/export/invitation_email.hpp"
#include "convene/io/output_file.hpp"
#include "convene/store/registration_store.hpp"

namespace convene::app {

namespace {

namespace fs = std::filesystem;

// The text part of an e-mail: the page `convene show` prints, in the same zones.
std::string page_text(const domain::Event& event, const ics::EventDetails& details,
                      const std::vector<std::string>& zones) {
    page::EventPage page;
    page.event = event;
    if (details.parent) page.parent = *details.parent;
    page.agenda.assign(details.agenda.begin(), details.agenda.end());
    page.zones = zones;
    std::ostringstream out;
    page::write_text(out, page);
    return std::move(out).str();
}

// Renders each person's message from what the event's messages share: at most one REQUEST
// and one CANCEL calendar (and e-mail) per run, whatever the number of people.
class Messages {
public:
    Messages(const domain::Event& event, const ics::EventDetails& details,
             const InvitationRequest& request)
        : m_organiser(request.organiser),
          m_cancel(event, details, m_organiser, ics::Method::cancel, request.stamp) {
        if (event.status != domain::EventStatus::cancelled) {
            m_request.emplace(event, details, m_organiser, ics::Method::request, request.stamp);
        }
        if (!request.eml) return;
        const std::string page = page_text(event, details, request.page_zones);
        m_cancel_email.emplace(m_cancel, event, m_organiser, page, request.stamp);
        if (m_request) m_request_email.emplace(*m_request, event, m_organiser, page, request.stamp);
    }
    Messages(const Messages&) = delete;
    Messages& operator=(const Messages&) = delete;

    void write(std::ostream& out, ics::Method method, const ics::Person& person) {
        const bool request = method == ics::Method::request;
        if (m_cancel_email) {
            (request ? *m_request_email : *m_cancel_email).write(out, person);
        } else {
            (request ? *m_request : m_cancel).write(out, person);
        }
    }

private:
    ics::Person m_organiser;
    ics::Invitation m_cancel;
    std::optional<ics::Invitation> m_request;
    // After the invitations they point to.
    std::optional<mail::InvitationEmail> m_cancel_email;
    std::optional<mail::InvitationEmail> m_request_email;
};

InvitationSummary write_one(store::Database& db, const InvitationRequest& request,
                            const domain::Event& event, const ics::EventDetails& details,
                            std::ostream& out) {
    Messages messages(event, details, request);
    store::RegistrationStore registrations(db);
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
    if (request.output.empty() || request.output == "-") {
        messages.write(out, *method, person);
    } else {
        io::OutputFile file(request.output, io::OutputFile::Access::private_data);
        messages.write(file.stream(), *method, person);
        file.commit();
    }
    return *method == ics::Method::request ? InvitationSummary{1, 0} : InvitationSummary{0, 1};
}

InvitationSummary write_folder(store::Database& db, const InvitationRequest& request,
                               const domain::Event& event, const ics::EventDetails& details,
                               Progress& progress) {
    Messages messages(event, details, request);
    const fs::path folder(request.folder);
    std::error_code error;
    fs::create_directories(folder, error);
    if (error || !fs::is_directory(folder)) {
        throw UsageError(fmt::format("cannot write invitations to {}: {}", request.folder,
                                     error ? error.message() : "not a folder"));
    }
    // Hidden files of an earlier run that was interrupted (Ctrl-C, SIGKILL) go now.
    io::remove_stale_temporaries(folder);
    const std::string extension = request.eml ? "eml" : "ics";
    InvitationSummary summary;
    store::RegistrationStore registrations(db);
    registrations.for_each(
        event.id, {},
        [&](const domain::Registration& registration) {
            const auto method = method_for(event, registration.status);
            if (!method) return;
            // Each file whole or not at all: a mail script may pick them up while we write.
            io::OutputFile file(folder / ics::invitation_file_name(registration.email, extension),
                                io::OutputFile::Access::private_data);
            messages.write(file.stream(), *method, {registration.name, registration.email});
            file.commit();
            ++(*method == ics::Method::request ? summary.requests : summary.cancellations);
            progress.update(summary.requests + summary.cancellations);
        },
        store::RegistrationStore::Fields::skip);  // a name and an address are all it needs
    return summary;
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

InvitationSummary write_invitations(store::Database& db, const InvitationRequest& request,
                                    const domain::Event& event, const ics::EventDetails& details,
                                    std::ostream& out, Progress& progress) {
    if (request.attendee.empty()) return write_folder(db, request, event, details, progress);
    return write_one(db, request, event, details, out);
}

}  // namespace convene::app
