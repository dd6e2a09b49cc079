#include "convene/app/registrar.hpp"

#include <fmt/format.h>

#include "convene/domain/email.hpp"
#include "convene/text/plural.hpp"
#include "convene/text/strings.hpp"

namespace convene::app {

using domain::RegistrationStatus;

Registrar::Registrar(store::RegistrationStore& store, const domain::Event& event,
                     domain::Instant now, OnDuplicate on_duplicate, bool no_waitlist)
    : Registrar(store, event, now, on_duplicate, no_waitlist, store.seat_counts(event.id)) {}

Registrar::Registrar(store::RegistrationStore& store, const domain::Event& event,
                     domain::Instant now, OnDuplicate on_duplicate, bool no_waitlist,
                     store::SeatCounts seats)
    : m_store(store),
      m_event(event),
      m_now(now),
      m_on_duplicate(on_duplicate),
      m_no_waitlist(no_waitlist),
      m_seats(event.capacity, seats.registered, seats.waitlisted) {}

std::variant<Outcome, Refusal> Registrar::add(const domain::RegistrationRequest& request) {
    if (m_event.status == domain::EventStatus::cancelled) {
        return Refusal{Refusal::Reason::cancelled_event,
                       fmt::format("{} is cancelled: nobody can register", m_event.slug)};
    }
    if (auto added = add_new(request)) return std::move(*added);
    auto existing = m_store.find_by_email(m_event.id, request.email);
    // A cancellation of someone cancelled already adds nothing: with skip or update it is a
    // duplicate like any other, so that a platform's export imported again changes nothing.
    const bool cancelled_again = existing && existing->status == RegistrationStatus::cancelled &&
                                 request.status == RegistrationStatus::cancelled &&
                                 m_on_duplicate != OnDuplicate::error;
    if (existing && (existing->status != RegistrationStatus::cancelled || cancelled_again)) {
        switch (m_on_duplicate) {
            case OnDuplicate::error:
                return Refusal{Refusal::Reason::duplicate,
                               fmt::format("{} is already registered for {} (id {})", request.email,
                                           m_event.slug, existing->id),
                               existing->id};
            case OnDuplicate::skip: return Outcome{Outcome::Kind::skipped, std::move(*existing), 0};
            case OnDuplicate::update: return update(std::move(*existing), request);
        }
    }

    auto registration = domain::make_registration(request, m_event.id, m_now);
    domain::Placement placement;
    std::vector<domain::Registration> promoted;
    if (request.status == RegistrationStatus::cancelled) {
        placement.status = RegistrationStatus::cancelled;
    } else {
        if (m_seats.promotable() > 0) promoted = promote();
        placement = m_seats.place();
        if (placement.status == RegistrationStatus::waitlisted && m_no_waitlist) {
            const auto taken = static_cast<std::size_t>(m_seats.registered());
            return Refusal{Refusal::Reason::full, fmt::format("{} is full ({} taken)", m_event.slug,
                                                              text::count_of(taken, "seat"))};
        }
    }
    if (existing) {
        // Signed up again: a new registration at the end of the queue (a new id after every
        // other, a new time), whose messages carry on from where the person's were.
        registration.status = existing->status;
        registration.sequence_offset = existing->sequence_offset;
    }
    domain::set_status(registration, placement.status);
    registration.id =
        existing ? m_store.renew(existing->id, registration) : m_store.insert(registration);
    m_seats.add(registration.status);
    return Outcome{Outcome::Kind::added, std::move(registration), placement.waitlist_position,
                   std::move(promoted)};
}

std::optional<Outcome> Registrar::add_new(const domain::RegistrationRequest& request) {
    // Only where the outcome cannot depend on whether the address is taken: nobody to promote
    // first, and a place this person may have.
    if (request.status == RegistrationStatus::cancelled || m_seats.promotable() > 0) {
        return std::nullopt;
    }
    const auto placement = m_seats.place();
    if (placement.status == RegistrationStatus::waitlisted && m_no_waitlist) return std::nullopt;
    auto registration = domain::make_registration(request, m_event.id, m_now);
    domain::set_status(registration, placement.status);
    const auto id = m_store.insert_new(registration);
    if (!id) return std::nullopt;
    registration.id = *id;
    m_seats.add(registration.status);
    return Outcome{Outcome::Kind::added, std::move(registration), placement.waitlist_position, {}};
}

Outcome Registrar::update(domain::Registration existing,
                          const domain::RegistrationRequest& request) {
    // A row the request leaves as it is is not written (an export imported again).
    if (domain::apply_update(existing, request)) m_store.update(existing);
    Outcome outcome{Outcome::Kind::updated, existing, 0};
    if (request.status == RegistrationStatus::cancelled &&
        existing.status != RegistrationStatus::cancelled) {
        outcome.promoted = cancel(existing);
        domain::set_status(outcome.registration, RegistrationStatus::cancelled);
        outcome.withdrawn = true;
    }
    return outcome;
}

std::vector<domain::Registration> Registrar::cancel(const domain::Registration& registration) {
    if (registration.status == RegistrationStatus::cancelled) return {};
    auto cancelled = registration;
    domain::set_status(cancelled, RegistrationStatus::cancelled);
    m_store.set_status(cancelled);
    m_seats.change(registration.status, RegistrationStatus::cancelled);
    return promote();
}

void Registrar::look_ahead(std::span<const domain::RegistrationRequest* const> requests) {
    // The key of each address as it will be once normalised (trimmed); a key that differs
    // after all is only not found ahead, and looked up when its row is placed.
    m_keys.clear();
    for (const auto* request : requests) {
        m_keys.push_back(domain::email_key(text::trim(request->email)));
    }
    m_store.look_ahead(m_keys);
}

std::vector<domain::Registration> Registrar::promote() {
    std::vector<domain::Registration> promoted;
    // Nobody moves up into a cancelled event: there is no seat to give.
    if (m_event.status == domain::EventStatus::cancelled) return promoted;
    for (auto n = m_seats.promotable(); n > 0; --n) {
        auto next = m_store.first_waitlisted(m_event.id);
        if (!next) break;
        domain::set_status(*next, RegistrationStatus::registered);
        m_store.set_status(*next);
        m_seats.change(RegistrationStatus::waitlisted, RegistrationStatus::registered);
        promoted.push_back(std::move(*next));
    }
    return promoted;
}

}  // namespace convene::app
