#include "invitations.hpp"

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

namespace convene::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t k_progress_every = 1'000;

// The text part of an e-mail: the page `convene show` prints, in the same zones.
std::string page_text(const domain::Event& event, const ics::EventDetails& details,
                      Context& context) {
    page::EventPage page;
    page.event = event;
    if (details.parent) page.parent = *details.parent;
    page.agenda.assign(details.agenda.begin(), details.agenda.end());
    page.zones = {event.timezone};
    for (const auto& zone : context.config().output_timezones) {
        if (zone != event.timezone) page.zones.push_back(zone);
    }
    std::ostringstream out;
    page::write_text(out, page);
    return std::move(out).str();
}

// Renders each person's message from what the event's messages share: at most one REQUEST
// and one CANCEL calendar (and e-mail) per run, whatever the number of people.
class Messages {
public:
    Messages(const domain::Event& event, const ics::EventDetails& details, Context& context,
             bool eml)
        : m_organiser(configured_organiser(context)),
          m_cancel(event, details, m_organiser, ics::Method::cancel, context.now()) {
        if (event.status != domain::EventStatus::cancelled) {
            m_request.emplace(event, details, m_organiser, ics::Method::request, context.now());
        }
        if (!eml) return;
        const std::string page = page_text(event, details, context);
        m_cancel_email.emplace(m_cancel, event, m_organiser, page, context.now());
        if (m_request) m_request_email.emplace(*m_request, event, m_organiser, page, context.now());
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

void write_one(const InvitationRequest& request, const domain::Event& event,
               const ics::EventDetails& details, Context& context) {
    Messages messages(event, details, context, request.eml);
    store::RegistrationStore registrations(context.database());
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
        messages.write(context.out(), *method, person);
        return;
    }
    io::OutputFile file(request.output, io::Access::owner_only);
    messages.write(file.stream(), *method, person);
    file.commit();
}

void write_folder(const InvitationRequest& request, const domain::Event& event,
                  const ics::EventDetails& details, Context& context) {
    Messages messages(event, details, context, request.eml);
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
        messages.write(file.stream(), *method, {registration.name, registration.email});
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

ics::Person configured_organiser(Context& context) {
    const auto& config = context.config();
    if (config.organiser_name.empty() || config.organiser_email.empty()) {
        throw UsageError("invitations need organiser.name and organiser.email in the configuration",
                         "add [organiser] with name = \"…\" and email = \"…\" to convene.toml");
    }
    return {config.organiser_name, config.organiser_email};
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
