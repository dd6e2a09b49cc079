#pragma once
// The words of an invitation e-mail, as a person would write them: a greeting by name, what
// happened (registered, changed, cancelled), when, where and how to join, the agenda, in the
// attendee's language. Filled from a template (convene-templates(5)): the built-in one, or
// invitation.LANG.txt / invitation.LANG.html (else invitation.txt / .html) from a folder the
// configuration names.
//
// Placeholders, written {{name}}: greeting, intro, details, agenda, closing, organiser (the
// sentences and blocks convene writes), name, title, when, where, join (the facts alone) and
// lang (the language tag). In .html templates each value is HTML (text escaped).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "convene/domain/event.hpp"
#include "convene/export/event_ics.hpp"
#include "convene/export/invitation.hpp"

namespace convene::mail {

// Why the person gets the message.
enum class Notice {
    registered,       // an invitation
    changed,          // an invitation after the time or place changed
    event_cancelled,  // the whole event is called off
    withdrawn,        // this person's registration is cancelled
};

struct Templates {
    std::string text;  // the text/plain body
    std::string html;  // the text/html body
};

// The built-in templates (templates/ in the source tree, compiled into the binary).
Templates builtin_templates();

// Checks that every {{...}} in a template is a placeholder above; otherwise a BadInputError
// naming `file`, the line and the placeholder. The files themselves are read by
// io::read_invitation_template.
void check_template(std::string_view source, const std::string& file);

// Everything but the person, rendered once per event, notice and language.
class InvitationLetter {
public:
    // `locale` is the attendee's language when convene writes it, else the event's is used.
    // The time is also given in each of `other_zones` (output.timezones) after the event's.
    // For Notice::changed, `before` is the event as the person last got it (from the ledger,
    // domain::event_as_sent), if known: the letter then says what changed, with what it was
    // ("New time: 16:00 – 17:00, was 15:00 – 16:00"); nullptr when unknown.
    InvitationLetter(const domain::Event& event, const ics::EventDetails& details,
                     const ics::Person& organiser, Notice notice, std::string_view locale,
                     Templates templates, const std::vector<std::string>& other_zones = {},
                     const domain::Event* before = nullptr);

    const std::string& locale() const noexcept { return m_locale; }
    const std::string& subject() const noexcept { return m_subject; }
    std::string text(const ics::Person& attendee) const;
    std::string html(const ics::Person& attendee) const;

private:
    std::string fill(const std::string& source, const ics::Person& attendee, bool html) const;

    std::string m_locale;
    std::string m_subject;
    Templates m_templates;
    // Values shared by every attendee, plain and as HTML.
    std::vector<std::pair<std::string, std::string>> m_text_values;
    std::vector<std::pair<std::string, std::string>> m_html_values;
    std::string m_greeting;            // "Bonjour {name},", the name still to fill in
    std::string m_anonymous_greeting;  // "Bonjour," for a person without a name
};

}  // namespace convene::mail
