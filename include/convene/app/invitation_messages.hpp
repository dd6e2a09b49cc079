#pragma once
// The iTIP messages of one event, rendered once per (METHOD, SEQUENCE, language, notice, what
// the person last got) and written per person: what export-ics --invitations writes to files
// and `send` hands to the mail system, so both say the same thing with the same numbers.
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "convene/domain/event.hpp"
#include "convene/domain/invitation_ledger.hpp"
#include "convene/export/event_ics.hpp"
#include "convene/export/invitation.hpp"
#include "convene/export/invitation_email.hpp"
#include "convene/export/invitation_letter.hpp"

namespace convene::app {

// What every message of one run shares besides the event: who sends it, when, and in which
// form. The command line fills it from the configuration (organiser.*, output.timezones,
// invitations.templates).
struct MessageSettings {
    ics::Person organiser;
    domain::Instant stamp{};  // DTSTAMP and the e-mails' Date
    bool eml{false};          // whole e-mails (RFC 5322, a letter in the person's language)
    // The zones the e-mail gives the time in after the event's own (output.timezones).
    std::vector<std::string> other_zones;
    // Where the person's own invitation templates are (convene-templates(5)); empty: built-in.
    std::filesystem::path templates_dir;
};

// Who one message is for.
struct Recipient {
    ics::Person person;
    // The language of their registration: their letter and calendar DESCRIPTION are in it when
    // convene writes it, else in the event's locale.
    std::string language;
    // They hold an invitation that gave another time or place (domain::new_time_or_place):
    // the letter says so ("Nouvel horaire").
    bool changed{false};
    // When changed: the ledger's schedule_of the event as they last got it, so that the
    // letter says what the time or place was ("auparavant 15 h 00 – 16 h 00"); "" unknown.
    std::string previous_schedule;
};

class InvitationMessages {
public:
    // The event, the details and the settings must outlive this object. For e-mails, reads
    // and checks the templates of every language first (a BadInputError or UsageError).
    InvitationMessages(const domain::Event& event, const ics::EventDetails& details,
                       const MessageSettings& settings);
    InvitationMessages(const InvitationMessages&) = delete;
    InvitationMessages& operator=(const InvitationMessages&) = delete;
    ~InvitationMessages();

    // The message for `recipient` with this METHOD and SEQUENCE (domain::sequence_for).
    void write(std::ostream& out, domain::Itip method, std::int64_t sequence,
               const Recipient& recipient);
    std::string to_string(domain::Itip method, std::int64_t sequence, const Recipient& recipient);
    // The Message-ID write() puts in that e-mail.
    std::string message_id(domain::Itip method, std::int64_t sequence,
                           const ics::Person& person) const;
    const ics::Person& organiser() const { return m_settings.organiser; }

private:
    struct Rendered;
    Rendered& rendered(domain::Itip method, std::int64_t sequence, const Recipient& recipient);
    const mail::Templates& templates(const std::string& locale);

    const domain::Event& m_event;
    const ics::EventDetails& m_details;
    const MessageSettings& m_settings;
    std::map<std::string, mail::Templates> m_templates;  // by locale, read once
    // The last key: the schedule the person last got, for letters that say what changed.
    std::map<std::tuple<domain::Itip, std::int64_t, std::string, mail::Notice, std::string>,
             std::unique_ptr<Rendered>>
        m_rendered;
};

}  // namespace convene::app
