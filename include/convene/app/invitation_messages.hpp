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

#include "convene/cli/context.hpp"
#include "convene/domain/event.hpp"
#include "convene/export/event_ics.hpp"
#include "convene/export/invitation.hpp"
#include "convene/export/invitation_email.hpp"

namespace convene::app {

// The configured organiser; a UsageError with a hint when organiser.name or .email is missing.
ics::Person configured_organiser(cli::Context& context);

// The text part of an e-mail: the page `convene show` prints, in the same zones.
std::string invitation_page_text(const domain::Event& event, const ics::EventDetails& details,
                                 cli::Context& context);

class InvitationMessages {
public:
    // `eml`: whole e-mails (RFC 5322, the event page as text) rather than bare calendars.
    InvitationMessages(const domain::Event& event, const ics::EventDetails& details,
                       cli::Context& context, bool eml);
    InvitationMessages(const InvitationMessages&) = delete;
    InvitationMessages& operator=(const InvitationMessages&) = delete;
    ~InvitationMessages();

    void write(std::ostream& out, ics::Method method, std::int64_t sequence,
               const ics::Person& person);
    std::string to_string(ics::Method method, std::int64_t sequence, const ics::Person& person);
    // The Message-ID write() puts in that e-mail.
    std::string message_id(ics::Method method, std::int64_t sequence,
                           const ics::Person& person) const;
    const ics::Person& organiser() const { return m_organiser; }

private:
    struct Rendered;
    Rendered& rendered(ics::Method method, std::int64_t sequence);

    const domain::Event& m_event;
    const ics::EventDetails& m_details;
    ics::Person m_organiser;
    domain::Instant m_now;
    std::optional<std::string> m_page;  // set for e-mails
    std::map<std::pair<ics::Method, std::int64_t>, std::unique_ptr<Rendered>> m_rendered;
};

}  // namespace convene::app
