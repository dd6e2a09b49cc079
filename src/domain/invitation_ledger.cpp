#include "convene/domain/invitation_ledger.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

#include <fmt/format.h>

namespace convene::domain {

namespace {

bool is_cancelled(const Event& event) { return event.status == EventStatus::cancelled; }

OwedMessage owe(const Event& event, const Registration& person, Itip method, SendReason reason,
                const std::optional<LastSent>& last) {
    OwedMessage message{.method = method,
                        .sequence = sequence_for(event, person, method, last),
                        .reason = reason,
                        .previous_sequence = std::nullopt,
                        .new_time_or_place = false,
                        .previous_schedule = {}};
    if (last) message.previous_sequence = last->sequence;
    message.new_time_or_place = new_time_or_place(event, last);
    if (message.new_time_or_place) message.previous_schedule = last->schedule;
    return message;
}

}  // namespace

std::string_view to_string(Itip method) { return method == Itip::request ? "REQUEST" : "CANCEL"; }

std::optional<Itip> parse_itip(std::string_view text) {
    if (text == "REQUEST") return Itip::request;
    if (text == "CANCEL") return Itip::cancel;
    return std::nullopt;
}

namespace {
constexpr ReplyKind k_reply_kinds[] = {ReplyKind::accepted, ReplyKind::declined,
                                       ReplyKind::tentative, ReplyKind::delegated, ReplyKind::none};
}  // namespace

std::string_view to_string(ReplyKind kind) {
    switch (kind) {
        case ReplyKind::accepted: return "accepted";
        case ReplyKind::declined: return "declined";
        case ReplyKind::tentative: return "tentative";
        case ReplyKind::delegated: return "delegated";
        case ReplyKind::none: return "none";
    }
    return "none";
}

std::string_view partstat_of(ReplyKind kind) {
    switch (kind) {
        case ReplyKind::accepted: return "ACCEPTED";
        case ReplyKind::declined: return "DECLINED";
        case ReplyKind::tentative: return "TENTATIVE";
        case ReplyKind::delegated: return "DELEGATED";
        case ReplyKind::none: return "";
    }
    return "";
}

Checked<ReplyKind> parse_reply_kind(std::string_view text) {
    for (auto kind : k_reply_kinds) {
        if (text == to_string(kind)) return kind;
    }
    // The choices go in the message itself: a flag's mistake is one line.
    return Problem{"reply",
                   fmt::format("unknown reply '{}' (use accepted, declined, tentative, delegated "
                               "or none)",
                               text),
                   ""};
}

std::optional<ReplyKind> reply_kind_of(std::string_view partstat) {
    for (auto kind : k_reply_kinds) {
        if (partstat == partstat_of(kind)) return kind;
    }
    return std::nullopt;
}

std::string describe(const OwedMessage& message) {
    switch (message.reason) {
        case SendReason::new_registration: return "new registration";
        case SendReason::event_changed:
            return fmt::format("event changed from sequence {} to {}",
                               message.previous_sequence.value_or(0), message.sequence);
        case SendReason::registered_again: return "registered again";
        case SendReason::registration_cancelled: return "registration cancelled";
        case SendReason::event_cancelled: return "event cancelled";
    }
    return "";
}

std::int64_t sequence_for(const Event& event, const Registration& person, Itip method,
                          const std::optional<LastSent>& last) {
    if (last && last->method == method && last->event_sequence == event.sequence) {
        return last->sequence;  // the same message again: same number
    }
    // The person's own steps (a cancellation, a new registration after it) put them ahead of
    // the event: the CANCEL that withdraws one attendee from a live event is newer than the
    // invitation they hold, and so is the invitation after it, with or without a ledger.
    // cancel-event already raised the sequence of a cancelled event.
    const std::int64_t base = event.sequence + person.sequence_offset;
    return last ? std::max(base, last->highest_sequence + 1) : base;
}

bool changed_since_invited(const Event& event, const std::optional<LastSent>& last) {
    return last && last->method == Itip::request && last->event_sequence != event.sequence;
}

std::string schedule_of(const Event& event) {
    const auto count = [](auto point) { return point.time_since_epoch().count(); };
    const auto when = event.all_day
                          ? fmt::format("{}..{}", count(event.start_date), count(event.end_date))
                          : fmt::format("{}..{}", count(event.start), count(event.end));
    // Unit separators: no field may hold a control character, so none can fake another.
    auto schedule =
        fmt::format("{}\x1f{}\x1f{}\x1f{}", when, event.timezone, event.venue, event.online_url);
    // Only when there is one: the schedules the ledger kept before join links and rooms stay
    // equal. A room comes sixth, after the join link (empty or not).
    if (!event.join_url.empty() || !event.room.empty()) {
        schedule += fmt::format("\x1f{}", event.join_url);
    }
    if (!event.room.empty()) schedule += fmt::format("\x1f{}", event.room);
    return schedule;
}

namespace {

std::vector<std::string_view> split_units(std::string_view text) {
    std::vector<std::string_view> parts;
    while (true) {
        const auto cut = text.find('\x1f');
        parts.push_back(text.substr(0, cut));
        if (cut == std::string_view::npos) return parts;
        text.remove_prefix(cut + 1);
    }
}

std::optional<std::int64_t> whole_number(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// "a..b" of schedule_of into the event's times or dates; false when it is not that.
bool read_when(std::string_view when, Event& event) {
    const auto dots = when.find("..");
    if (dots == std::string_view::npos) return false;
    const auto from = whole_number(when.substr(0, dots));
    const auto until = whole_number(when.substr(dots + 2));
    if (!from || !until) return false;
    constexpr std::int64_t k_largest_day = 1'000'000;
    event.all_day = *from < k_largest_day && *until < k_largest_day;
    if (event.all_day) {
        event.start_date = Date{date::days{*from}};
        event.end_date = Date{date::days{*until}};
    } else {
        event.start = Instant{std::chrono::seconds{*from}};
        event.end = Instant{std::chrono::seconds{*until}};
    }
    return true;
}

}  // namespace

std::optional<Event> event_as_sent(const Event& event, std::string_view schedule) {
    const auto parts = split_units(schedule);
    if (parts.size() < 4 || parts.size() > 6) return std::nullopt;
    Event sent = event;
    if (!read_when(parts[0], sent)) return std::nullopt;
    sent.timezone = std::string(parts[1]);
    sent.venue = std::string(parts[2]);
    sent.online_url = std::string(parts[3]);
    sent.join_url = parts.size() >= 5 ? std::string(parts[4]) : std::string();
    // A schedule the ledger kept before rooms were part of it says nothing of the room: taken
    // as the same, not as none. (One that names a join link and no room has no room.)
    if (parts.size() == 6) {
        sent.room = std::string(parts[5]);
    } else if (parts.size() == 5 && !parts[4].empty()) {
        sent.room.clear();
    }
    return sent;
}

bool new_time_or_place(const Event& event, const std::optional<LastSent>& last) {
    return changed_since_invited(event, last) && last->schedule != schedule_of(event);
}

std::optional<OwedMessage> owed_message(const Event& event, const Registration& person,
                                        const std::optional<LastSent>& last) {
    const bool invited = last && last->method == Itip::request;
    if (is_cancelled(event)) {
        if (!invited) return std::nullopt;
        return owe(event, person, Itip::cancel, SendReason::event_cancelled, last);
    }
    switch (person.status) {
        case RegistrationStatus::waitlisted: return std::nullopt;
        case RegistrationStatus::cancelled:
            if (!invited) return std::nullopt;
            return owe(event, person, Itip::cancel, SendReason::registration_cancelled, last);
        case RegistrationStatus::registered:
            if (!last) return owe(event, person, Itip::request, SendReason::new_registration, last);
            if (last->method == Itip::cancel) {
                return owe(event, person, Itip::request, SendReason::registered_again, last);
            }
            if (changed_since_invited(event, last)) {
                return owe(event, person, Itip::request, SendReason::event_changed, last);
            }
            return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace convene::domain
