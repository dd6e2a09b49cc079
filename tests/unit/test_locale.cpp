#include <catch2/catch.hpp>

#include "convene/domain/time.hpp"
#include "convene/l10n/locale.hpp"

namespace {

using namespace convene;

domain::Event briefing() {
    domain::Event event;
    event.timezone = "Europe/Paris";
    const auto& zone = domain::known_zone("Europe/Paris");
    event.start = *domain::parse_instant("2022-04-13T15:00", zone);
    event.end = *domain::parse_instant("2022-04-13T16:00", zone);
    return event;
}

}  // namespace

TEST_CASE("supported locales are matched on the primary language subtag", "[locale]") {
    CHECK(l10n::supported_locale("fr") == "fr");
    CHECK(l10n::supported_locale("fr-CA") == "fr");
    CHECK(l10n::supported_locale("ES") == "es");
    CHECK(l10n::supported_locale("de").empty());
    CHECK(l10n::supported_locale("").empty());
    CHECK(l10n::choose_locale("es-MX", "fr") == "es");
    CHECK(l10n::choose_locale("de", "fr") == "fr");
    CHECK(l10n::choose_locale("", "") == "en");
    // Someone who speaks the event's language reads it with the event's region.
    CHECK(l10n::choose_locale("en", "en-GB") == "en-GB");
    CHECK(l10n::choose_locale("", "en-GB") == "en-GB");
    CHECK(l10n::choose_locale("fr", "en-GB") == "fr");
}

TEST_CASE("a locale's region decides the clock", "[locale]") {
    const auto event = briefing();
    // ICU's own data, through the skeleton "jmm": no rule of convene's.
    CHECK(l10n::Locale("en-GB").time(event.start, "Europe/Paris") == "15:00");
    CHECK(l10n::Locale("en-US").time(event.start, "Europe/Paris") == "3:00\u202fPM");
    CHECK(l10n::Locale("en").time(event.start, "Europe/Paris") == "3:00\u202fPM");
    CHECK(l10n::Locale("es").time(event.start, "Europe/Paris") == "15:00");
    CHECK(l10n::Locale("en-GB").tag() == "en-GB");
    // The words are the language's: one catalog for every English.
    CHECK(l10n::Locale("en-GB").tr("When:") == "When:");
    CHECK(l10n::Locale("fr-CA").time(event.start, "Europe/Paris") ==
          l10n::Locale("fr").time(event.start, "Europe/Paris"));
}

TEST_CASE("date ranges are ICU's interval formats", "[locale]") {
    domain::Event event;
    event.all_day = true;
    event.start_date = date::sys_days{date::April / 11 / 2022};
    event.end_date = date::sys_days{date::April / 13 / 2022};
    // What both dates share is written once, as each language does (CLDR's interval formats).
    CHECK(l10n::Locale("fr").when(event, "UTC") == "11–13 avril 2022");
    CHECK(l10n::Locale("en-GB").when(event, "UTC") == "11–13 April 2022");
    CHECK(l10n::Locale("en-US").when(event, "UTC") == "April 11\u2009–\u200913, 2022");
    CHECK(l10n::Locale("es").when(event, "UTC") == "11–13 de abril de 2022");
    event.end_date = date::sys_days{date::May / 3 / 2022};
    CHECK(l10n::Locale("fr").when(event, "UTC") == "11 avril\u2009–\u20093 mai 2022");
    event.end_date = date::sys_days{date::January / 2 / 2023};
    CHECK(l10n::Locale("en-GB").when(event, "UTC") == "11 April 2022\u2009–\u20092 January 2023");
}

TEST_CASE("dates, times and zones follow the locale", "[locale]") {
    const auto event = briefing();
    const l10n::Locale en("en");
    CHECK(en.date(date::sys_days{date::April / 13 / 2022}) == "April 13, 2022");
    CHECK(en.when(event, "Europe/Paris") ==
          "April 13, 2022, 3:00\u202fPM – 4:00\u202fPM (Central European Summer Time)");
    CHECK(en.utc_offset(event.start, "Europe/Paris") == "UTC+02:00");
    CHECK(en.utc_offset(event.start, "America/New_York") == "UTC-04:00");

    const l10n::Locale es("es");
    CHECK(es.date(date::sys_days{date::April / 13 / 2022}) == "13 de abril de 2022");
}

TEST_CASE("French pages use French typography", "[locale]") {
    if (l10n::catalog_dir().empty()) {
        WARN("the compiled catalogs are not beside the test runner: French typography unchecked");
        return;
    }
    const l10n::Locale fr("fr");
    CHECK(fr.date(date::sys_days{date::April / 13 / 2022}) == "13 avril 2022");
    CHECK(fr.when(briefing(), "Europe/Paris") ==
          "13 avril 2022, 15 h 00 – 16 h 00 (heure d’été d’Europe centrale)");
    CHECK(fr.tr("When:") == "Quand\u00A0:");
    CHECK(fr.language_name("en") == "anglais");
    CHECK(fr.list({"anglais", "français", "espagnol"}) == "anglais, français et espagnol");
    CHECK(fr.plural("{count, plural, one {# session} other {# sessions}}", 1) == "1 séance");
    CHECK(fr.plural("{count, plural, one {# session} other {# sessions}}", 2) == "2 séances");
}

TEST_CASE("a look-up leaves the process's language alone", "[locale]") {
    const char* before = std::getenv("LANGUAGE");
    const l10n::Locale fr("fr");
    (void)fr.tr("When:");
    CHECK(std::getenv("LANGUAGE") == before);
}

TEST_CASE("English needs no catalog and counts in English", "[locale]") {
    const l10n::Locale en("");
    CHECK(en.tag() == "en");
    CHECK(en.tr("When:") == "When:");
    CHECK(en.plural("{count, plural, one {# session} other {# sessions}}", 1) == "1 session");
    CHECK(en.language_name("fr") == "French");
    CHECK(en.list({"English", "French", "Spanish"}) == "English, French, and Spanish");
}
