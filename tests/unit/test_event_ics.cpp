#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "convene/export/event_ics.hpp"
#include "testing.hpp"

namespace {

using namespace convene;
using namespace std::chrono_literals;
using testing::k_now;
using testing::unfold;
using testing::utc;
using testing::written;

std::string feed_vevent(const domain::Event& event, const ics::EventDetails& details = {}) {
    return unfold(written([&](ics::Writer& w) { ics::write_event(w, event, details, k_now); }));
}

}  // namespace

TEST_CASE("the seed briefing's VEVENT says everything, in local time with TZID", "[ics][event]") {
    const auto parent = testing::seed_parent();
    const auto briefing = testing::seed_briefing();
    CHECK(
        feed_vevent(briefing, {.parent = &parent}) ==
        "BEGIN:VEVENT\r\n"
        "UID:briefing@convene.test\r\n"
        "DTSTAMP:20231114T221320Z\r\n"
        "DTSTART;TZID=Europe/Paris:20220413T150000\r\n"
        "DTEND;TZID=Europe/Paris:20220413T160000\r\n"
        "SEQUENCE:0\r\n"
        "STATUS:CONFIRMED\r\n"
        "SUMMARY:Séance d'information (IMRF)\r\n"
        "DESCRIPTION:Ce briefing vise à informer. Deuxième ligne\\; avec\\, ponctuation.\\n\\n"
        "Interpretation: English\\, French\\, and Spanish\\n"
        "Join online: https://example.org/imrf\\n"
        "Registration: https://example.org/imrf/register\\nOrganisers: Mayors Mechanism and CGLU\\n"
        "Part of: Migrations et déplacements en contexte de crise (April 11\u2009–\u200913\\, "
        "2022)\r\n"
        "LOCATION:https://example.org/imrf\r\n"
        "URL:https://example.org/imrf/register\r\n"
        "CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=\"Join online\":https://example.org/imrf\r\n"
        "RELATED-TO;RELTYPE=PARENT:parent@convene.test\r\n"
        "CREATED:20220301T000000Z\r\n"
        "LAST-MODIFIED:20220302T000000Z\r\n"
        "END:VEVENT\r\n");
}

TEST_CASE("an all-day event uses DATE values with an exclusive DTEND and needs no VTIMEZONE",
          "[ics][event]") {
    const auto parent = testing::seed_parent();
    const auto text = feed_vevent(parent);
    CHECK(text.find("DTSTART;VALUE=DATE:20220411\r\nDTEND;VALUE=DATE:20220414\r\n") !=
          std::string::npos);
    CHECK(text.find("TZID") == std::string::npos);
    ics::ZoneRanges zones;
    zones.add(parent);
    CHECK(zones.empty());
    auto one_day = parent;
    one_day.end_date = one_day.start_date;
    CHECK(feed_vevent(one_day).find("DTEND;VALUE=DATE:20220412\r\n") != std::string::npos);
}

TEST_CASE("UTC events are written with Z and no TZID or VTIMEZONE", "[ics][event]") {
    for (const char* name : {"UTC", "Etc/UTC", "Etc/Zulu"}) {
        CAPTURE(name);
        CHECK(ics::is_utc_zone(*date::locate_zone(name)));
        auto event = testing::seed_briefing();
        event.timezone = name;
        const auto text = feed_vevent(event);
        CHECK(text.find("DTSTART:20220413T130000Z\r\nDTEND:20220413T140000Z\r\n") !=
              std::string::npos);
        ics::ZoneRanges zones;
        zones.add(event);
        CHECK(zones.empty());
    }
    // Zero offset today is not enough: these zones have had other offsets.
    CHECK_FALSE(ics::is_utc_zone(*date::locate_zone("Europe/London")));
    CHECK_FALSE(ics::is_utc_zone(*date::locate_zone("Africa/Abidjan")));
}

TEST_CASE("VTIMEZONEs: one per zone, covering all its events, in name order", "[ics][event]") {
    auto paris_spring = testing::seed_briefing();
    auto paris_winter = paris_spring;
    paris_winter.start = utc(date::year{2023} / 1 / 10, 9h);
    paris_winter.end = utc(date::year{2023} / 1 / 10, 10h);
    auto auckland = paris_spring;
    auckland.timezone = "Pacific/Auckland";
    ics::ZoneRanges zones;
    zones.add(paris_spring);
    zones.add(auckland);
    zones.add(paris_winter);
    const auto text = written([&](ics::Writer& w) { zones.write(w); });
    const auto auckland_at = text.find("TZID:Pacific/Auckland");
    const auto paris_at = text.find("TZID:Europe/Paris");
    REQUIRE(paris_at != std::string::npos);
    REQUIRE(auckland_at != std::string::npos);
    CHECK(paris_at < auckland_at);
    CHECK(text.find("TZID:Europe/Paris", paris_at + 1) == std::string::npos);
    // 2022 and 2023 both covered: the 2023 spring change is there.
    CHECK(text.find("DTSTART:20230326T020000") != std::string::npos);
}

TEST_CASE("a venue is the LOCATION, and invitees get the meeting link as URL", "[ics][event]") {
    auto hybrid = testing::seed_briefing();
    hybrid.venue = "Palais des Nations, Genève; salle XX";
    const auto feed = feed_vevent(hybrid);
    CHECK(feed.find("LOCATION:Palais des Nations\\, Genève\\; salle XX\r\n") != std::string::npos);
    CHECK(feed.find("URL:https://example.org/imrf/register\r\n") != std::string::npos);
    const auto invitee = unfold(written([&](ics::Writer& w) {
        ics::write_event_properties(w, hybrid, {}, k_now, ics::Audience::invitee,
                                    ics::revision_of(hybrid));
    }));
    CHECK(invitee.find("URL:https://example.org/imrf\r\n") != std::string::npos);

    auto in_person = hybrid;
    in_person.online_url.clear();
    in_person.registration_url.clear();
    const auto plain = feed_vevent(in_person);
    CHECK(plain.find("URL") == std::string::npos);
    CHECK(plain.find("CONFERENCE") == std::string::npos);
    CHECK(plain.find("Join online") == std::string::npos);
}

TEST_CASE("STATUS and SEQUENCE follow the event", "[ics][event]") {
    auto event = testing::seed_briefing();
    event.status = domain::EventStatus::tentative;
    event.sequence = 3;
    auto text = feed_vevent(event);
    CHECK(text.find("SEQUENCE:3\r\nSTATUS:TENTATIVE\r\n") != std::string::npos);
    event.status = domain::EventStatus::cancelled;
    text = feed_vevent(event);
    CHECK(text.find("STATUS:CANCELLED\r\n") != std::string::npos);
    CHECK(text.find("DESCRIPTION:This event is cancelled.\\n\\nCe briefing") != std::string::npos);
}

TEST_CASE("the calendar head names the calendar and states METHOD only when given",
          "[ics][event]") {
    CHECK(written([](ics::Writer& w) { ics::begin_calendar(w, "Réunion, été", ""); }) ==
          "BEGIN:VCALENDAR\r\n"
          "PRODID:-//convene//convene//EN\r\n"
          "VERSION:2.0\r\n"
          "CALSCALE:GREGORIAN\r\n"
          "NAME:Réunion\\, été\r\n"
          "X-WR-CALNAME:Réunion\\, été\r\n");
    CHECK(written([](ics::Writer& w) { ics::begin_calendar(w, "", "REQUEST"); }) ==
          "BEGIN:VCALENDAR\r\n"
          "PRODID:-//convene//convene//EN\r\n"
          "VERSION:2.0\r\n"
          "CALSCALE:GREGORIAN\r\n"
          "METHOD:REQUEST\r\n");
}

TEST_CASE("the agenda with speakers and points is part of the event's DESCRIPTION",
          "[ics][event]") {
    auto event = testing::seed_briefing();
    event.description.clear();
    event.languages.clear();
    event.organisers.clear();
    event.online_url.clear();
    event.registration_url.clear();
    std::vector<domain::AgendaItem> agenda{testing::agenda_item(7, 1, "Détails techniques"),
                                           testing::agenda_item(8, 2, "La route vers l'IMRF"),
                                           testing::agenda_item(9, 3, "Discussion")};
    agenda[0].start = utc(date::year{2022} / 4 / 13, 13h);
    agenda[0].duration = 10min;
    agenda[1].speakers = {
        {"Monami Maulik", "Stakeholder Liaison Officer", "UN Network on Migration"},
        {"Sophie van Haasen", "", "GFMD Mayors Mechanism"}};
    agenda[2].points = {"Comment agissez-vous ?", "Êtes-vous intéressé ?"};
    CHECK(ics::event_description(event, {.agenda = agenda}) ==
          "Agenda:\n"
          "1. 3:00\u202fPM – 3:10\u202fPM Détails techniques\n"
          "2. La route vers l'IMRF\n"
          "   Monami Maulik, Stakeholder Liaison Officer, UN Network on Migration\n"
          "   Sophie van Haasen, GFMD Mayors Mechanism\n"
          "3. Discussion\n"
          "   - Comment agissez-vous ?\n"
          "   - Êtes-vous intéressé ?");
}

TEST_CASE("a timed agenda item is its own VEVENT with a stable UID", "[ics][event]") {
    const auto event = testing::seed_briefing();
    auto item = testing::agenda_item(42, 2, "La route vers l'IMRF");
    item.start = utc(date::year{2022} / 4 / 13, 13h + 10min);
    item.duration = 30min;
    item.speakers = {{"Monami Maulik", "Stakeholder Liaison Officer", ""}};
    const auto text =
        unfold(written([&](ics::Writer& w) { ics::write_agenda_item(w, event, item, k_now); }));
    CHECK(text ==
          "BEGIN:VEVENT\r\n"
          "UID:item-42.briefing@convene.test\r\n"
          "DTSTAMP:20231114T221320Z\r\n"
          "DTSTART;TZID=Europe/Paris:20220413T151000\r\n"
          "DTEND;TZID=Europe/Paris:20220413T154000\r\n"
          "SEQUENCE:0\r\n"
          "STATUS:CONFIRMED\r\n"
          "SUMMARY:Séance d'information (IMRF) — La route vers l'IMRF\r\n"
          "DESCRIPTION:Monami Maulik\\, Stakeholder Liaison Officer\\n\\n"
          "Join online: https://example.org/imrf\\n"
          "Part of: Séance d'information (IMRF) (April 13\\, 2022\\, 3:00\u202fPM – 4:00\u202fPM "
          "(Central European Summer Time))\r\n"
          "LOCATION:https://example.org/imrf\r\n"
          "URL:https://example.org/imrf/register\r\n"
          "CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=\"Join online\":https://example.org/imrf\r\n"
          "RELATED-TO;RELTYPE=PARENT:briefing@convene.test\r\n"
          "CREATED:20220301T000000Z\r\n"
          "LAST-MODIFIED:20220302T000000Z\r\n"
          "END:VEVENT\r\n");
    // The UID is the stored one, whatever the item's id, position or title.
    item.id = 7;
    item.position = 1;
    item.title = "Autre titre";
    CHECK(written([&](ics::Writer& w) {
              ics::write_agenda_item(w, event, item, k_now);
          }).starts_with("BEGIN:VEVENT\r\nUID:item-42.briefing@convene.test\r\n"));

    SECTION("without a duration it is a point in time; without a start it is not written") {
        item.duration.reset();
        const auto point =
            written([&](ics::Writer& w) { ics::write_agenda_item(w, event, item, k_now); });
        CHECK(point.find("DTSTART;TZID=Europe/Paris:20220413T151000\r\n") != std::string::npos);
        CHECK(point.find("DTEND") == std::string::npos);
        item.start.reset();
        CHECK(written([&](ics::Writer& w) {
                  ics::write_agenda_item(w, event, item, k_now);
              }).empty());
    }
}

TEST_CASE("reminders are TRIGGER durations before the start", "[ics]") {
    using namespace std::chrono_literals;
    CHECK(ics::trigger_before(24h) == "-P1D");
    CHECK(ics::trigger_before(30min) == "-PT30M");
    CHECK(ics::trigger_before(26h) == "-P1DT2H");
    CHECK(ics::trigger_before(90s) == "-PT1M30S");
    CHECK(ics::trigger_before(2h) == "-PT2H");
}
