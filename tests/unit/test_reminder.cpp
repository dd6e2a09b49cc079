// domain::reminder_window: when a reminder e-mail is due, and the key the ledger names it by.
#include <catch2/catch.hpp>

#include "convene/domain/reminder.hpp"
#include "convene/domain/time.hpp"

using namespace convene::domain;
using namespace std::chrono_literals;

namespace {

Event briefing() {
    Event event;
    event.timezone = "Europe/Paris";
    event.start = Instant{1649854800s};  // 2022-04-13T15:00 Paris
    event.end = event.start + 1h;
    return event;
}

}  // namespace

TEST_CASE("a reminder's key is its duration in the shortest words", "[reminder]") {
    CHECK(reminder_key(24h) == "1d");
    CHECK(reminder_key(2h) == "2h");
    CHECK(reminder_key(90min) == "1h30m");
    CHECK(reminder_key(26h + 5min) == "1d2h5m");
    CHECK(reminder_key(45s) == "45s");
}

TEST_CASE("a reminder is due from its duration before the start until the start", "[reminder]") {
    const auto event = briefing();
    const auto due_from = event.start - 24h;
    CHECK(reminder_window(event, 24h, due_from - 1s).state == ReminderState::not_yet);
    CHECK(reminder_window(event, 24h, due_from - 1s).due_from == due_from);
    CHECK(reminder_window(event, 24h, due_from).state == ReminderState::due);
    CHECK(reminder_window(event, 24h, event.start - 1s).state == ReminderState::due);
    CHECK(reminder_window(event, 24h, event.start).state == ReminderState::past);
    auto cancelled = event;
    cancelled.status = EventStatus::cancelled;
    CHECK(reminder_window(cancelled, 24h, due_from).state == ReminderState::past);
}

TEST_CASE("an all-day event starts at midnight of its first day in its zone", "[reminder]") {
    Event event;
    event.timezone = "Europe/Paris";
    event.all_day = true;
    event.start_date = Date{date::year{2022} / 4 / 11};
    event.end_date = event.start_date;
    CHECK(format_utc(start_of(event)) == "2022-04-10T22:00:00Z");
}
