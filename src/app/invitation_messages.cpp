#include "convene/app/invitation_messages.hpp"

#include <algorithm>
#include <ostream>
#include <sstream>

#include "convene/export/event_page.hpp"

namespace convene::app {

namespace {

// The text part of an e-mail: the page `convene show` prints, in the same zones.
std::string page_text(const domain::Event& event, const ics::EventDetails& details,
                      const std::vector<std::string>& other_zones) {
    page::EventPage page;
    page.event = event;
    if (details.parent) page.parent = *details.parent;
    page.agenda.assign(details.agenda.begin(), details.agenda.end());
    page.zones = page_zones(event, other_zones);
    std::ostringstream out;
    page::write_text(out, page);
    return std::move(out).str();
}

}  // namespace

// The e-mail points into the invitation: both live here, the invitation first.
struct InvitationMessages::Rendered {
    ics::Invitation invitation;
    std::optional<mail::InvitationEmail> email;
};

std::vector<std::string> page_zones(const domain::Event& event,
                                    const std::vector<std::string>& other_zones) {
    std::vector<std::string> zones{event.timezone};
    for (const auto& zone : other_zones) {
        if (std::find(zones.begin(), zones.end(), zone) == zones.end()) zones.push_back(zone);
    }
    return zones;
}

InvitationMessages::InvitationMessages(const domain::Event& event, const ics::EventDetails& details,
                                       const MessageSettings& settings)
    : m_event(event), m_details(details), m_settings(settings) {
    if (settings.eml) m_page = page_text(event, details, settings.other_zones);
}

InvitationMessages::~InvitationMessages() = default;

InvitationMessages::Rendered& InvitationMessages::rendered(ics::Method method,
                                                           std::int64_t sequence) {
    auto& slot = m_rendered[{method, sequence}];
    if (!slot) {
        slot.reset(new Rendered{ics::Invitation(m_event, m_details, m_settings.organiser, method,
                                                m_settings.stamp, sequence),
                                {}});
        if (m_page) {
            slot->email.emplace(slot->invitation, m_event, m_settings.organiser, *m_page,
                                m_settings.stamp);
        }
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
    return mail::message_id(m_event, method, sequence, person.email, m_settings.organiser.email);
}

}  // namespace convene::app
