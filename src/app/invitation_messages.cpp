#include "convene/app/invitation_messages.hpp"

#include <ostream>
#include <sstream>

#include "convene/error.hpp"
#include "convene/export/event_page.hpp"

namespace convene::app {

// The e-mail points into the invitation: both live here, the invitation first.
struct InvitationMessages::Rendered {
    ics::Invitation invitation;
    std::optional<mail::InvitationEmail> email;
};

ics::Person configured_organiser(cli::Context& context) {
    const auto& config = context.config();
    if (config.organiser_name.empty() || config.organiser_email.empty()) {
        throw UsageError("invitations need organiser.name and organiser.email in the configuration",
                         "add [organiser] with name = \"…\" and email = \"…\" to convene.toml");
    }
    return {config.organiser_name, config.organiser_email};
}

std::string invitation_page_text(const domain::Event& event, const ics::EventDetails& details,
                                 cli::Context& context) {
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

InvitationMessages::InvitationMessages(const domain::Event& event,
                                       const ics::EventDetails& details, cli::Context& context,
                                       bool eml)
    : m_event(event),
      m_details(details),
      m_organiser(configured_organiser(context)),
      m_now(context.now()) {
    if (eml) m_page = invitation_page_text(event, details, context);
}

InvitationMessages::~InvitationMessages() = default;

InvitationMessages::Rendered& InvitationMessages::rendered(ics::Method method,
                                                           std::int64_t sequence) {
    auto& slot = m_rendered[{method, sequence}];
    if (!slot) {
        slot.reset(new Rendered{
            ics::Invitation(m_event, m_details, m_organiser, method, m_now, sequence), {}});
        if (m_page) slot->email.emplace(slot->invitation, m_event, m_organiser, *m_page, m_now);
    }
    return *slot;
}

void InvitationMessages::write(std::ostream& out, ics::Method method, std::int64_t sequence,
                               const ics::Person& person) {
    auto& message = rendered(method, sequence);
    if (message.email) {
        message.email->write(out, person);
    } else {
        message.invitation.write(out, person);
    }
}

std::string InvitationMessages::to_string(ics::Method method, std::int64_t sequence,
                                          const ics::Person& person) {
    std::ostringstream out;
    write(out, method, sequence, person);
    return std::move(out).str();
}

std::string InvitationMessages::message_id(ics::Method method, std::int64_t sequence,
                                           const ics::Person& person) const {
    return mail::message_id(m_event, method, sequence, person.email, m_organiser.email);
}

}  // namespace convene::app
