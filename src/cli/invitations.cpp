#include "invitations.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/export/invitation_email.hpp"
#include "convene/export/invitation_letter.hpp"
#include "convene/io/output_file.hpp"
#include "convene/l10n/locale.hpp"
#include "convene/store/registration_store.hpp"

namespace convene::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t k_progress_every = 1'000;

// Renders each person's message from what the event's messages share: per language at most
// one REQUEST and one CANCEL calendar, letter and e-mail per run, whatever the number of
// people. A person gets their registration's language when convene writes it, else the event's.
class Messages {
public:
    Messages(const domain::Event& event, const ics::EventDetails& details, Context& context,
             bool eml)
        : m_event(event),
          m_details(details),
          m_organiser(configured_organiser(context)),
          m_templates_dir(context.config().templates_dir),
          m_now(context.now()),
          m_eml(eml) {}
    Messages(const Messages&) = delete;
    Messages& operator=(const Messages&) = delete;

    void write(std::ostream& out, ics::Method method, const domain::Registration& registration) {
        auto& language = bundle(registration.language);
        const ics::Person person{registration.name, registration.email};
        const bool request = method == ics::Method::request;
        if (m_eml) {
            (request ? *language.request_email : *language.cancel_email).write(out, person);
        } else {
            (request ? *language.request : *language.cancel).write(out, person);
        }
    }

private:
    // Everything written in one language. Not movable: the e-mails point into it.
    struct Bundle {
        ics::EventDetails details;
        std::optional<ics::Invitation> cancel;
        std::optional<ics::Invitation> request;
        std::optional<mail::InvitationLetter> cancel_letter;
        std::optional<mail::InvitationLetter> request_letter;
        std::optional<mail::InvitationEmail> cancel_email;
        std::optional<mail::InvitationEmail> request_email;
    };

    Bundle& bundle(std::string_view language) {
        const auto locale = l10n::choose_locale(language, m_event.locale);
        auto& slot = m_bundles[locale];
        if (slot) return *slot;
        slot = std::make_unique<Bundle>();
        auto& b = *slot;
        b.details = m_details;
        b.details.locale = locale;
        const bool cancelled = m_event.status == domain::EventStatus::cancelled;
        b.cancel.emplace(m_event, b.details, m_organiser, ics::Method::cancel, m_now);
        if (!cancelled) {
            b.request.emplace(m_event, b.details, m_organiser, ics::Method::request, m_now);
        }
        if (!m_eml) return b;
        const auto templates = mail::load_templates(m_templates_dir, locale);
        b.cancel_letter.emplace(m_event, b.details, m_organiser,
                                cancelled ? mail::Notice::event_cancelled
                                          : mail::Notice::withdrawn,
                                locale, templates);
        b.cancel_email.emplace(*b.cancel, m_event, m_organiser, *b.cancel_letter, m_now);
        if (b.request) {
            // Whether the time or place changed since this person's last message is not
            // recorded here, so a request reads as a plain invitation.
            b.request_letter.emplace(m_event, b.details, m_organiser, mail::Notice::registered,
                                     locale, templates);
            b.request_email.emplace(*b.request, m_event, m_organiser, *b.request_letter, m_now);
        }
        return b;
    }

    const domain::Event& m_event;
    const ics::EventDetails& m_details;
    ics::Person m_organiser;
    std::filesystem::path m_templates_dir;
    domain::Instant m_now;
    bool m_eml;
    std::map<std::string, std::unique_ptr<Bundle>> m_bundles;
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
    if (request.output.empty() || request.output == "-") {
        messages.write(context.out(), *method, *registration);
        return;
    }
    io::OutputFile file(request.output);
    messages.write(file.stream(), *method, *registration);
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
        io::OutputFile file(folder / ics::invitation_file_name(registration.email, extension));
        messages.write(file.stream(), *method, registration);
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
