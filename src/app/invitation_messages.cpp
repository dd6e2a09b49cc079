#include "convene/app/invitation_messages.hpp"

#include <ostream>
#include <sstream>

#include "convene/io/template_file.hpp"
#include "convene/l10n/locale.hpp"

namespace convene::app {

namespace {

// Why the person gets this message, in the words the letter chooses from.
mail::Notice notice_for(const domain::Event& event, domain::Itip method, bool changed) {
    if (method == domain::Itip::cancel) {
        return event.status == domain::EventStatus::cancelled ? mail::Notice::event_cancelled
                                                              : mail::Notice::withdrawn;
    }
    return changed ? mail::Notice::changed : mail::Notice::registered;
}

const std::string k_none;

}  // namespace

// The e-mail points into the invitation and the letter: all three live here, in that order,
// and never move.
struct InvitationMessages::Rendered {
    ics::EventDetails details;  // the DESCRIPTION's language is the person's
    ics::Invitation invitation;
    std::optional<mail::InvitationLetter> letter;
    std::optional<mail::InvitationEmail> email;
};

InvitationMessages::InvitationMessages(const domain::Event& event, const ics::EventDetails& details,
                                       const MessageSettings& settings)
    : m_event(event), m_details(details), m_settings(settings) {
    // Every template of the folder is read and checked before the first message is written:
    // a mistake in invitation.fr.txt must stop a run before the English invitations go out,
    // not after.
    if (!m_settings.eml) return;
    for (const auto locale : l10n::supported_locales()) templates(std::string(locale));
}

InvitationMessages::~InvitationMessages() = default;

const mail::Templates& InvitationMessages::templates(const std::string& locale) {
    const auto found = m_templates.find(locale);
    if (found != m_templates.end()) return found->second;
    auto templates = mail::builtin_templates();
    const auto& folder = m_settings.templates_dir;
    if (auto file = io::read_invitation_template(folder, locale, "txt")) {
        mail::check_template(file->source, file->name);
        templates.text = std::move(file->source);
    }
    if (auto file = io::read_invitation_template(folder, locale, "html")) {
        mail::check_template(file->source, file->name);
        templates.html = std::move(file->source);
    }
    return m_templates.emplace(locale, std::move(templates)).first->second;
}

InvitationMessages::Rendered& InvitationMessages::rendered(domain::Itip method,
                                                           std::int64_t sequence,
                                                           const Recipient& recipient) {
    const auto locale = l10n::choose_locale(recipient.language, m_event.locale);
    // A calendar alone says nothing of the change: one rendering for both.
    const auto notice = notice_for(m_event, method, m_settings.eml && recipient.changed);
    const auto& before = notice == mail::Notice::changed ? recipient.previous_schedule : k_none;
    auto& slot = m_rendered[{method, sequence, locale, notice, before}];
    if (slot) return *slot;
    auto details = m_details;
    details.locale = locale;
    slot.reset(new Rendered{
        details,
        ics::Invitation(m_event, details, m_settings.organiser, method, m_settings.stamp, sequence),
        {},
        {}});
    if (m_settings.eml) {
        const auto sent = domain::event_as_sent(m_event, before);
        slot->letter.emplace(m_event, slot->details, m_settings.organiser, notice, locale,
                             templates(l10n::supported_locale(locale)), m_settings.other_zones,
                             sent ? &*sent : nullptr);
        slot->email.emplace(slot->invitation, m_event, m_settings.organiser, *slot->letter,
                            m_settings.stamp);
    }
    return *slot;
}

void InvitationMessages::write(std::ostream& out, domain::Itip method, std::int64_t sequence,
                               const Recipient& recipient) {
    auto& message = rendered(method, sequence, recipient);
    if (message.email) {
        message.email->write(out, recipient.person);
    } else {
        message.invitation.write(out, recipient.person);
    }
}

std::string InvitationMessages::to_string(domain::Itip method, std::int64_t sequence,
                                          const Recipient& recipient) {
    std::ostringstream out;
    write(out, method, sequence, recipient);
    return std::move(out).str();
}

std::string InvitationMessages::message_id(domain::Itip method, std::int64_t sequence,
                                           const ics::Person& person) const {
    return mail::message_id(m_event, method, sequence, person.email, m_settings.organiser.email);
}

}  // namespace convene::app
