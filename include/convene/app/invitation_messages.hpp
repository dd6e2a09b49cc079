#pragma once
// The iTIP messages of one event, rendered once per (METHOD, SEQUENCE) and written per person:
// what export-ics --invitations writes to files and `send` hands to the mail system, so both
// say the same thing with the same numbers.
#include <cstdint>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "convene/domain/event.hpp"
#include "convene/export/event_ics.hpp"
#include "convene/export/invitation.hpp"
#include "convene/export/invitation_email.hpp"

namespace convene::app {

// What every message of one run shares besides the event: who sends it, when, and in which
// form. The command line fills it from the configuration (organiser.*, output.timezones).
struct MessageSettings {
    ics::Person organiser;
    domain::Instant stamp{};  // DTSTAMP and the e-mails' Date
    bool eml{false};          // whole e-mails (RFC 5322, the event page as text), not calendars
    // The zones the e-mail's page shows after the event's own (output.timezones).
    std::vector<std::string> other_zones;
};

// The zones of the e-mail's page: the event's, then each of `other_zones` not already there.
std::vector<std::string> page_zones(const domain::Event& event,
                                    const std::vector<std::string>& other_zones);

class InvitationMessages {
public:
    // The event, the details and the settings must outlive this object.
    InvitationMessages(const domain::Event& event, const ics::EventDetails& details,
                       const MessageSettings& settings);
    InvitationMessages(const InvitationMessages&) = delete;
    InvitationMessages& operator=(const InvitationMessages&) = delete;
    ~InvitationMessages();

    // The message for `person` with this METHOD and SEQUENCE (domain::sequence_for).
    void write(std::ostream& out, ics::Method method, std::int64_t sequence,
               const ics::Person& person);
    std::string to_string(ics::Method method, std::int64_t sequence, const ics::Person& person);
    // The Message-ID write() puts in that e-mail.
    std::string message_id(ics::Method method, std::int64_t sequence,
                           const ics::Person& person) const;
    const ics::Person& organiser() const { return m_settings.organiser; }

private:
    struct Rendered;
    Rendered& rendered(ics::Method method, std::int64_t sequence);

    const domain::Event& m_event;
    const ics::EventDetails& m_details;
    const MessageSettings& m_settings;
    std::optional<std::string> m_page;  // the text part, for e-mails
    std::map<std::pair<ics::Method, std::int64_t>, std::unique_ptr<Rendered>> m_rendered;
};

}  // namespace convene::app
