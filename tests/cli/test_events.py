"""End-to-end: event commands, time rules, config and errors (issue: foundation)."""
import json
import os
import sqlite3
import stat
import subprocess
import tomllib
import unittest

from harness import BIN, ConveneTestCase, sqlite_only

# The seed's briefing as an English page says it (ICU's en: 12-hour clock, zone names).
PARIS_WHEN = "April 13, 2022, 3:00\u202fPM – 4:00\u202fPM (Central European Summer Time)"
UTC_WHEN = "April 13, 2022, 1:00\u202fPM – 2:00\u202fPM (Coordinated Universal Time)"


class EventCommands(ConveneTestCase):
    def test_create_prints_slug_and_show_prints_the_seed_times(self):
        parent, slug = self.create_briefing()
        self.assertEqual(slug, "imrf-briefing")
        page = self.ok("show", slug)
        self.assertIn(PARIS_WHEN, page)
        self.assertNotIn("Coordinated Universal Time", page)
        page = self.ok("show", slug, "--tz", "UTC")
        self.assertIn(PARIS_WHEN, page)
        self.assertIn(UTC_WHEN, page)
        self.assertIn("Part of:", page)
        self.assertIn("April 11\u2009–\u200913, 2022", page)  # ICU's interval format
        self.assertRegex(page, r"Interpretation: +English, French, and Spanish\n")
        self.assertIn("Cités et Gouvernements Unis (CGLU)", page)

    def test_show_json_has_every_field(self):
        parent, slug = self.create_briefing("--capacity", "100", "--venue", "Salle 1",
                                            "--description", "Contexte\nEn 2018, …")
        page = json.loads(self.ok("show", slug, "--format", "json", "--tz", "UTC"))
        self.assertEqual(page["slug"], "imrf-briefing")
        self.assertEqual(page["start"], "2022-04-13T13:00:00Z")
        self.assertEqual(page["end"], "2022-04-13T14:00:00Z")
        self.assertEqual(page["timezone"], "Europe/Paris")
        self.assertEqual([t["text"] for t in page["times"]],
                         [PARIS_WHEN, UTC_WHEN])
        self.assertEqual(page["languages"], ["en", "fr", "es"])
        self.assertEqual(page["organisers"], ["Mayors Mechanism", "Cités et Gouvernements Unis (CGLU)"])
        self.assertEqual(page["parent"]["slug"], "peer-learning-2022")
        self.assertEqual(page["parent"]["start_date"], "2022-04-11")
        self.assertEqual(page["parent"]["end_date"], "2022-04-13")
        self.assertEqual(page["capacity"], 100)
        self.assertEqual(page["venue"], "Salle 1")
        self.assertEqual(page["description"], "Contexte\nEn 2018, …")
        self.assertEqual(page["status"], "confirmed")
        self.assertEqual(page["sequence"], 0)
        self.assertTrue(page["uid"].endswith("@convene"))
        self.assertEqual(page["registration_url"], "https://example.org/imrf-briefing/register")
        self.assertEqual(page["online_url"], "https://example.org/imrf-briefing")

    def test_a_programme_with_tracks_types_and_rooms(self):
        self.ok("create-event", "--title", "Days", "--date", "2026-09-14", "--tz", "UTC",
                "--venue", "Kongresshaus", "--track", "Migration=#1F77B4", "--track", "Cities=")
        self.ok("create-event", "--title", "Mapping", "--parent", "days", "--start",
                "2026-09-14T14:00", "--duration", "1h", "--tz", "UTC", "--type", "workshop",
                "--room", "Raum 2", "--track", "Cities")
        parent = json.loads(self.ok("show", "days", "--format", "json"))
        self.assertEqual(parent["tracks"], [{"name": "Migration", "colour": "#1f77b4"},
                                            {"name": "Cities", "colour": None}])
        session = json.loads(self.ok("show", "mapping", "--format", "json"))
        self.assertEqual((session["type"], session["room"], session["track"], session["venue"]),
                         ("workshop", "Raum 2", "Cities", None))
        self.ok("update-event", "mapping", "--type", "panel", "--room", "", "--track", "Migration")
        session = json.loads(self.ok("show", "mapping", "--format", "json"))
        self.assertEqual((session["type"], session["room"], session["track"]),
                         ("panel", None, "Migration"))
        self.ok("update-event", "days", "--track", "Climate=#2ca02c")
        self.assertEqual(json.loads(self.ok("show", "days", "--format", "json"))["tracks"],
                         [{"name": "Climate", "colour": "#2ca02c"}])
        self.ok("update-event", "days", "--no-tracks")
        self.assertEqual(json.loads(self.ok("show", "days", "--format", "json"))["tracks"], [])
        result = self.fails(2, "update-event", "mapping", "--track", "A", "--track", "B")
        self.assertIn("--track: a session has one track", result)
        result = self.fails(2, "update-event", "days", "--track", "A=blue")
        self.assertIn("--track: 'blue' is not a colour", result)
        # db copy keeps them.
        self.ok("db", "copy", "--to", self.path("copy.db"))
        copied = json.loads(self.ok("--db", self.path("copy.db"), "show", "mapping",
                                    "--format", "json"))
        self.assertEqual((copied["type"], copied["track"]), ("panel", "Migration"))

    def test_list_events_of_a_parent_between_dates_with_chosen_fields(self):
        self.ok("create-event", "--title", "Days", "--date", "2026-09-14", "--end-date",
                "2026-09-16", "--tz", "UTC")
        for slug, start, room in (("a", "2026-09-14T10:00", "Saal 1"),
                                  ("b", "2026-09-15T10:00", "Raum 2"),
                                  ("c", "2026-09-16T23:30", "")):
            self.ok("create-event", "--title", slug, "--slug", slug, "--parent", "days",
                    "--start", start, "--duration", "1h", "--tz", "UTC", "--room", room,
                    "--track", "T" + slug)
        self.ok("create-event", "--title", "Other", "--date", "2026-09-15", "--tz", "UTC")
        rows = self.ok("list", "events", "--parent", "days", "--fields", "slug,room,track",
                       "--format", "tsv")
        self.assertEqual(rows, "slug\troom\ttrack\na\tSaal 1\tTa\nb\tRaum 2\tTb\nc\t\tTc\n")
        rows = self.ok("list", "events", "--from", "2026-09-15", "--to", "2026-09-15",
                       "--fields", "slug", "--format", "tsv", "--no-header")
        self.assertEqual(rows, "days\nother\nb\n")  # by start: all-day first
        rows = self.ok("list", "events", "--parent", "days", "--from", "2026-09-16",
                       "--fields", "slug", "--format", "tsv", "--no-header")
        self.assertEqual(rows, "c\n")
        self.assertIn("no field 'nope'", self.fails(2, "list", "events", "--fields", "nope"))
        self.assertIn("twice", self.fails(2, "list", "events", "--fields", "slug,slug"))
        self.fails(2, "list", "events", "--from", "2026-13-01")
        self.fails(3, "list", "events", "--parent", "nope")

    def test_slug_is_derived_and_made_unique(self):
        first = self.ok("create-event", "--title", "Atelier d'été", "--start", "2024-07-01 10:00",
                        "--duration", "1h30m", "--tz", "Europe/Paris").strip()
        second = self.ok("create-event", "--title", "Atelier d'été", "--start", "2024-07-02 10:00",
                         "--duration", "1h30m", "--tz", "Europe/Paris").strip()
        self.assertEqual(first, "atelier-d-ete")
        self.assertEqual(second, "atelier-d-ete-2")
        page = json.loads(self.ok("show", "atelier-d-ete", "--format", "json"))
        self.assertEqual(page["end"], "2024-07-01T09:30:00Z")

    def test_event_addressed_by_id(self):
        _, slug = self.create_briefing()
        page = json.loads(self.ok("show", slug, "--format", "json"))
        self.assertEqual(json.loads(self.ok("show", str(page["id"]), "--format", "json"))["slug"], slug)

    def test_auckland_event_crossing_midnight(self):
        slug = self.ok("create-event", "--title", "Late session", "--start", "2025-01-31T22:00",
                       "--end", "2025-02-01T01:30", "--tz", "Pacific/Auckland").strip()
        page = self.ok("show", slug, "--tz", "UTC")
        self.assertIn("January 31, 2025, 10:00\u202fPM – February 1, 2025, 1:30\u202fAM (New Zealand "
                      "Daylight Time)", page)
        self.assertIn("January 31, 2025, 9:00\u202fAM – 12:30\u202fPM (Coordinated Universal Time)",
                      page)

    def test_explicit_offset_needs_no_zone(self):
        slug = self.ok("create-event", "--title", "Fold", "--start", "2025-10-26T02:30+01:00",
                       "--duration", "30m", "--tz", "Europe/Paris").strip()
        page = json.loads(self.ok("show", slug, "--format", "json"))
        self.assertEqual(page["start"], "2025-10-26T01:30:00Z")

    def test_all_day_event(self):
        slug = self.ok("create-event", "--title", "Three days", "--date", "2022-04-11",
                       "--end-date", "2022-04-13").strip()
        page = json.loads(self.ok("show", slug, "--format", "json"))
        self.assertTrue(page["all_day"])
        self.assertEqual((page["start_date"], page["end_date"]), ("2022-04-11", "2022-04-13"))
        self.assertIn("April 11\u2009–\u200913, 2022", self.ok("show", slug))

    def test_default_zone_from_config_and_environment(self):
        self.write("convene.toml", '[defaults]\ntimezone = "Asia/Tokyo"\n')
        slug = self.ok("create-event", "--title", "Tokyo", "--start", "2024-05-01T09:00",
                       "--duration", "1h").strip()
        self.assertEqual(json.loads(self.ok("show", slug, "--format", "json"))["start"],
                         "2024-05-01T00:00:00Z")
        slug = self.ok("create-event", "--title", "Lima", "--start", "2024-05-01T09:00",
                       "--duration", "1h", env={"CONVENE_TZ": "America/Lima"}).strip()
        self.assertEqual(json.loads(self.ok("show", slug, "--format", "json"))["start"],
                         "2024-05-01T14:00:00Z")

    def test_locale_from_the_flag_else_the_configuration(self):
        _, slug = self.create_briefing("--locale", "fr-CA")
        # French words; the region is kept for what it decides (issue 29: the clock).
        self.assertEqual(json.loads(self.ok("show", slug, "--format", "json"))["locale"], "fr-CA")
        self.assertIn("Quand\u00a0:", self.ok("show", slug))
        self.ok("update-event", slug, "--locale", "es")
        self.assertIn("Cuándo:", self.ok("show", slug))
        self.assertIn("--locale: convene does not write in 'de'",
                      self.fails(2, "update-event", slug, "--locale", "de"))
        self.write("convene.toml", '[defaults]\nlocale = "es"\n')
        slug = self.ok("create-event", "--title", "Madrid", "--date", "2024-05-01",
                       "--tz", "Europe/Madrid").strip()
        self.assertEqual(json.loads(self.ok("show", slug, "--format", "json"))["locale"], "es")
        self.write("convene.toml", '[defaults]\nlocale = "de"\n')
        self.assertIn("convene.toml:2: defaults.locale: convene does not write in 'de' "
                      "(use one of en, fr, es)", self.fails(5, "list", "events"))

    def test_output_timezones_from_config(self):
        self.write("convene.toml", '[output]\ntimezones = ["America/New_York"]\n')
        _, slug = self.create_briefing()
        self.assertIn("April 13, 2022, 9:00\u202fAM – 10:00\u202fAM (Eastern Daylight Time)",
                      self.ok("show", slug))

    @sqlite_only("database.path and --db name SQLite files")
    def test_database_path_relative_to_config_file(self):
        os.makedirs(self.path("project"))
        self.write("project/convene.toml", '[database]\npath = "events.db"\n')
        self.ok("--config", self.path("project/convene.toml"), "create-event", "--title", "X",
                "--date", "2024-01-01")
        self.assertTrue(os.path.exists(self.path("project/events.db")))
        self.assertFalse(os.path.exists(self.path("convene.db")))
        # --db after the command name is a global option too.
        self.ok("create-event", "--title", "Y", "--date", "2024-01-01", "--db", self.path("other.db"))
        self.assertTrue(os.path.exists(self.path("other.db")))

    @sqlite_only("the mode of the database file")
    def test_new_database_is_private(self):
        self.create_briefing()
        mode = stat.S_IMODE(os.stat(self.path("convene.db")).st_mode)
        self.assertEqual(mode, 0o600)

    def test_list_events_in_start_order(self):
        self.create_briefing()
        rows = json.loads(self.ok("list", "events", "--format", "json"))
        self.assertEqual([r["slug"] for r in rows], ["peer-learning-2022", "imrf-briefing"])
        self.assertEqual(rows[1]["start"], "2022-04-13T15:00:00+02:00")
        self.assertEqual(rows[1]["parent"], "peer-learning-2022")
        tsv = self.ok("list", "events")  # not a terminal: tsv
        self.assertEqual(tsv.splitlines()[0].split("\t")[:3], ["id", "slug", "title"])
        self.assertEqual(len(tsv.splitlines()), 3)


class UpdatesAndSequence(ConveneTestCase):
    def sequence(self, slug):
        return json.loads(self.ok("show", slug, "--format", "json"))["sequence"]

    def test_sequence_grows_on_calendar_changes_only(self):
        _, slug = self.create_briefing()
        self.ok("update-event", slug, "--description", "Nouveau texte")
        self.assertEqual(self.sequence(slug), 0)
        self.ok("update-event", slug, "--registration-url", "https://example.org/new")
        self.assertEqual(self.sequence(slug), 0)
        self.ok("update-event", slug, "--start", "2022-04-13T15:30")
        self.assertEqual(self.sequence(slug), 1)
        page = json.loads(self.ok("show", slug, "--format", "json"))
        self.assertEqual((page["start"], page["end"]), ("2022-04-13T13:30:00Z", "2022-04-13T14:30:00Z"))
        self.ok("update-event", slug, "--title", "Briefing IMRF")
        self.assertEqual(self.sequence(slug), 2)
        self.ok("update-event", slug, "--venue", "Salle 2")
        self.assertEqual(self.sequence(slug), 3)
        self.ok("cancel-event", slug)
        page = json.loads(self.ok("show", slug, "--format", "json"))
        self.assertEqual((page["status"], page["sequence"]), ("cancelled", 4))

    def test_an_update_that_changes_nothing_says_so(self):
        _, slug = self.create_briefing()
        self.ok("update-event", slug, "--start", "2022-04-13T15:30")
        self.assertEqual(self.sequence(slug), 1)
        for flags in ([], ["--start", "2022-04-13T15:30"], ["--venue", ""]):
            with self.subTest(flags=flags):
                result = self.run_convene("update-event", slug, *flags)
                self.assertEqual(result.code, 0, result.stderr)
                self.assertIn(f"nothing to change: {slug} is already as given (sequence 1)",
                              result.stderr)
                self.assertNotIn("updated", result.stderr)
                self.assertEqual(self.sequence(slug), 1)
        self.ok("add-agenda-item", slug, "--title", "Ouverture")
        result = self.run_convene("update-agenda-item", slug, "1", "--title", "Ouverture")
        self.assertIn(f"nothing to change: item 1 of {slug} is already as given", result.stderr)
        self.assertEqual(self.sequence(slug), 1)

    def test_update_tz_alone_keeps_wall_times(self):
        slug = self.ok("create-event", "--title", "Wrong zone", "--start", "2024-05-01T09:00",
                       "--duration", "1h", "--tz", "UTC").strip()
        self.ok("update-event", slug, "--tz", "Europe/Paris")
        page = json.loads(self.ok("show", slug, "--format", "json"))
        self.assertEqual(page["start"], "2024-05-01T07:00:00Z")
        self.assertEqual(page["timezone"], "Europe/Paris")

    def test_update_description_from_file_and_stdin(self):
        _, slug = self.create_briefing()
        self.write("desc.txt", "Ligne une\nLigne deux\n")
        self.ok("update-event", slug, "--description", "@" + self.path("desc.txt"))
        self.assertEqual(json.loads(self.ok("show", slug, "--format", "json"))["description"],
                         "Ligne une\nLigne deux")
        self.ok("update-event", slug, "--description", "-", input="Depuis stdin\n")
        self.assertEqual(json.loads(self.ok("show", slug, "--format", "json"))["description"],
                         "Depuis stdin")

    def test_delete_needs_yes(self):
        parent, slug = self.create_briefing()
        self.fails(2, "delete-event", slug)
        self.ok("show", slug)
        self.ok("delete-event", slug, "--yes")
        self.fails(3, "show", slug)
        self.ok("delete-event", parent, "--yes")
        self.assertEqual(json.loads(self.ok("list", "events", "--format", "json")), [])

    def test_deleting_an_event_of_thousands_of_people(self):
        # One statement deletes every registration: on SQLite its statement journal outgrew
        # the memory it may hold (SQLITE_CONFIG_STMTJRNL_SPILL, 1 MiB then) and SQLite 3.40
        # failed to spill it to a file: "database or disk is full", the database untouched.
        _, slug = self.create_briefing()
        self.write("people.csv", "name,email,organisation\n" + "".join(
            f"Personne {n},p{n}@example.org,Mairie de Genève {n % 40}\n" for n in range(12000)))
        self.ok("register", slug, "--csv", "people.csv")
        self.ok("check-in", slug, "p1@example.org")
        self.ok("delete-event", slug, "--yes")
        self.fails(3, "show", slug)

    def test_deleting_a_parent_detaches_its_sessions(self):
        parent, slug = self.create_briefing()
        self.ok("register", slug, "--name", "Ana", "--email", "ana@example.org")
        self.assertEqual(json.loads(self.ok("show", slug, "--format", "json"))["parent"]["slug"],
                         parent)
        self.fails(2, "delete-event", parent)
        self.ok("delete-event", parent, "--yes")
        self.fails(3, "show", parent)
        page = json.loads(self.ok("show", slug, "--format", "json"))
        self.assertIsNone(page["parent"])
        self.assertEqual(page["title"], "Séance d'information sur la route vers le Forum "
                                        "d'examen des migrations internationales (IMRF)")
        [row] = json.loads(self.ok("list", "events", "--format", "json"))
        self.assertEqual((row["slug"], row["parent"]), (slug, None))
        self.assertEqual(self.ok("list", "attendees", slug, "--fields", "email", "--no-header",
                                 "--format", "tsv"), "ana@example.org\n")

    def test_no_parent_detaches_and_parent_attaches_again(self):
        parent, slug = self.create_briefing()
        self.fails(2, "create-event", "--title", "X", "--date", "2024-01-01", "--no-parent")
        self.ok("update-event", slug, "--no-parent")
        self.assertIsNone(json.loads(self.ok("show", slug, "--format", "json"))["parent"])
        self.ok("show", parent)  # the parent stays
        self.ok("update-event", slug, "--parent", parent)
        self.assertEqual(json.loads(self.ok("show", slug, "--format", "json"))["parent"]["slug"],
                         parent)


class BadInput(ConveneTestCase):
    """At least ten kinds of bad input: one line on stderr, the documented exit code."""

    def create(self, *args):
        return ("create-event", "--title", "T", *args)

    def test_usage_errors_exit_2(self):
        cases = [
            (("--frobnicate",), "unknown option '--frobnicate'"),
            (("list", "events", "--frobnicate"), "--frobnicate"),
            (("frobnicate",), "unknown command 'frobnicate'"),
            (self.create("--start", "2022-13-45T10:00", "--duration", "1h"), "invalid date-time"),
            (self.create("--start", "2022-04-13T15:00", "--duration", "1h", "--tz", "Europe/Atlantis"),
             "unknown time zone 'Europe/Atlantis'"),
            (self.create("--start", "2025-03-30T02:30", "--duration", "1h", "--tz", "Europe/Paris"),
             "DST gap"),
            (self.create("--start", "2025-10-26T02:30", "--duration", "1h", "--tz", "Europe/Paris"),
             "DST fold"),
            (self.create("--start", "2022-04-13T15:00", "--end", "14:00", "--tz", "UTC"),
             "end is not after the start"),
            (self.create("--date", "2022-04-13", "--end-date", "2022-04-11"), "end date is before"),
            (self.create("--start", "2022-04-13T15:00", "--duration", "soon"), "invalid duration"),
            (self.create("--start", "2022-04-13T15:00"), "needs an end"),
            (self.create(), "needs a time"),
            (("create-event", "--start", "2022-04-13T15:00", "--duration", "1h"), "needs a title"),
            (self.create("--date", "2022-04-13", "--slug", "Not A Slug"), "invalid slug"),
            (self.create("--date", "2022-04-13", "--languages", "en,f"),
             "--languages: 'f' is neither a language tag"),
            (self.create("--date", "2022-04-13", "--online", "not a url"), "not a URL"),
            (self.create("--date", "2022-04-13", "--capacity", "-3"),
             "--capacity: capacity must be zero or more, not -3"),
            (self.create("--date", "2022-04-13", "--capacity", "1000001"),
             "--capacity: capacity must be at most 1000000, not 1000001"),
            (self.create("--date", "2022-04-13", "--capacity", "99999999999999999999"),
             "--capacity: '99999999999999999999' is too large"),
            (self.create("--date", "2022-04-13", "--capacity", "ten"),
             "--capacity: 'ten' is not a whole number"),
            (self.create("--date", "2022-04-13", "--status", "maybe"), "unknown event status"),
            (self.create("--date", "2022-04-13", "--start", "2022-04-13T10:00"), "not both"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                error = self.fails(2, *args)
                self.assertIn(message, error)
        self.assertEqual(json.loads(self.ok("list", "events", "--format", "json")), [])

    def test_a_capacity_error_is_in_convenes_words(self):
        slug = self.ok(*self.create("--date", "2022-04-13")).strip()
        result = self.run_convene("update-event", slug, "--capacity", "-5")
        self.assertEqual(result.code, 2)
        self.assertEqual(result.stderr.splitlines(),
                         ["convene: error: --capacity: capacity must be zero or more, not -5"])
        self.assertIsNone(json.loads(self.ok("show", slug, "--format", "json"))["capacity"])

    def test_a_date_written_by_hand_is_shown_rewritten(self):
        for value, hint in (
                ("13/04/2022 15:00", "write it as 2022-04-13 15:00"),
                ("13.04.2022 9:30", "write it as 2022-04-13 09:30"),
                ("04/05/2022 15:00", "write it as 2022-05-04 15:00 (day first) or "
                                     "2022-04-05 15:00 (month first)"),
                ("04/13/2022T15:00:30", "write it as 2022-04-13 15:00:30"),
                ("tomorrow", "use 2022-04-13T15:00, 2022-04-13 15:00 or "
                             "2022-04-13T15:00+02:00")):
            with self.subTest(value=value):
                result = self.run_convene(*self.create("--start", value, "--duration", "1h"))
                self.assertEqual(result.code, 2)
                self.assertEqual(result.stderr.splitlines(),
                                 [f"convene: error: --start: invalid date-time '{value}'",
                                  f"convene: hint: {hint}"])
        result = self.run_convene(*self.create("--date", "13/04/2022"))
        self.assertIn("convene: hint: write it as 2022-04-13\n", result.stderr)

    def test_gap_error_suggests_an_offset(self):
        result = self.run_convene(*self.create("--start", "2025-03-30T02:30", "--duration", "1h",
                                               "--tz", "Europe/Paris"))
        self.assertIn("convene: hint: give an explicit offset", result.stderr)

    def test_not_found_exit_3(self):
        self.create_briefing()
        self.assertIn("no event 'nope'", self.fails(3, "show", "nope"))
        self.fails(3, "update-event", "nope", "--title", "X")
        self.fails(3, "cancel-event", "999")
        self.fails(3, "delete-event", "nope", "--yes")
        self.fails(3, *self.create("--date", "2022-04-13", "--parent", "nope"))

    def test_conflict_exit_4(self):
        self.create_briefing()
        self.assertIn("exists already",
                      self.fails(4, *self.create("--date", "2022-04-13", "--slug", "imrf-briefing")))
        self.fails(4, "update-event", "imrf-briefing", "--slug", "peer-learning-2022")

    def test_bad_config_exit_5_names_file_line_and_key(self):
        self.write("convene.toml", '[defaults]\ntimezone = "Europe/Paris"\ncolour = "red"\n')
        error = self.fails(5, "list", "events")
        self.assertIn("convene.toml:3: defaults.colour: unknown key", error)
        self.write("convene.toml", '[output]\nformat = 7\n')
        self.assertIn("convene.toml:2: output.format: expected a string", self.fails(5, "list", "events"))
        self.write("convene.toml", '[output\n')
        self.assertIn("convene.toml:1:", self.fails(5, "list", "events"))

    @sqlite_only("PRAGMA user_version in the file; test_postgres.py has the PostgreSQL case")
    def test_newer_database_exit_6_and_untouched(self):
        self.damaged_on_purpose = True  # from a newer convene, as far as this one can tell
        with sqlite3.connect(self.path("convene.db")) as db:
            db.execute("PRAGMA user_version = 42")
        with open(self.path("convene.db"), "rb") as f:
            before = f.read()
        self.assertIn("newer convene", self.fails(6, "list", "events"))
        with open(self.path("convene.db"), "rb") as f:
            self.assertEqual(f.read(), before)

    @sqlite_only("a file that is not a database")
    def test_corrupt_database_exit_6(self):
        self.damaged_on_purpose = True
        self.write("convene.db", "this is not a database" * 200)
        self.fails(6, "list", "events")

    def test_a_parent_loop_is_refused(self):
        parent, slug = self.create_briefing()
        error = self.fails(2, "update-event", parent, "--parent", slug)
        self.assertIn("cannot be part of 'imrf-briefing', which is part of it", error)
        self.fails(2, "update-event", slug, "--parent", slug)
        self.assertIsNone(json.loads(self.ok("show", parent, "--format", "json"))["parent"])

    def test_nothing_half_written(self):
        self.create_briefing()
        before = self.ok("list", "events", "--format", "json")
        self.fails(3, "update-event", "imrf-briefing", "--title", "New", "--parent", "missing")
        self.assertEqual(self.ok("list", "events", "--format", "json"), before)


class Concurrency(ConveneTestCase):
    def test_two_writers_at_once_both_succeed(self):
        # Create the database first.
        self.ok("create-event", "--title", "first", "--date", "2024-01-01")
        script = 'for i in $(seq 1 25); do "$BIN" create-event --title "$1 $i" --date 2024-01-01 >/dev/null || exit 1; done'
        env = dict(self.env, BIN=BIN)
        procs = [subprocess.Popen(["bash", "-c", script, "w", name], cwd=self.dir, env=env)
                 for name in ("alpha", "beta")]
        self.assertEqual([p.wait(timeout=300) for p in procs], [0, 0])
        self.assertEqual(len(json.loads(self.ok("list", "events", "--format", "json"))), 51)


class HelpAndVersion(ConveneTestCase):
    def test_version(self):
        self.assertRegex(self.ok("--version"), r"^convene \d+\.\d+\.\d+\n$")

    def test_help_lists_every_command(self):
        text = self.ok("--help")
        for command in ("init", "create-event", "update-event", "cancel-event", "delete-event",
                        "show", "list"):
            self.assertIn(command, text)
        self.assertIn("--start", self.ok("create-event", "--help"))
        self.assertIn("--yes", self.ok("delete-event", "--help"))

    def test_init_writes_a_valid_starter(self):
        self.ok("init")
        with open(self.path("convene.toml"), encoding="utf-8") as starter:
            self.assertIn("[organiser]", starter.read())
        # The starter loads: with SQLite, what stops `list` is the database that does not exist.
        self.assert_nothing_stored()
        self.fails(4, "init")

    def test_init_force_replaces_a_file_and_keeps_its_mode(self):
        path = self.write("convene.toml", '[defaults]\ntimezone = "Asia/Tokyo"\n')
        os.chmod(path, 0o640)
        error = self.fails(4, "init")
        self.assertIn("convene.toml", error)
        with open(path, encoding="utf-8") as f:
            self.assertEqual(f.read(), '[defaults]\ntimezone = "Asia/Tokyo"\n')
        self.ok("init", "--force", "--organiser-email", "events@example.org",
                "--organiser-name", "Events")
        with open(path, "rb") as f:
            config = tomllib.load(f)
        self.assertEqual(config["organiser"], {"name": "Events", "email": "events@example.org"})
        self.assertNotIn("timezone", config.get("defaults", {}))
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o640)
        self.ok("init", "--force", "other.toml")  # no file yet: --force is not needed, nor wrong
        self.assertTrue(os.path.exists(self.path("other.toml")))

    def test_init_sets_the_organiser(self):
        self.ok("init", "--organiser-name", 'Mayors "MM" Mechanism',
                "--organiser-email", "events@example.org")
        with open(self.path("convene.toml"), "rb") as starter:
            organiser = tomllib.load(starter)["organiser"]
        self.assertEqual(organiser, {"name": 'Mayors "MM" Mechanism',
                                     "email": "events@example.org"})
        _, slug = self.create_briefing()
        self.ok("register", slug, "--name", "Ana", "--email", "ana@example.org")
        ics = self.ok("export-ics", slug, "--attendee", "ana@example.org").replace("\r\n ", "")
        self.assertRegex(ics, r"ORGANIZER;CN=.*Mayors.*:mailto:events@example\.org")
        self.assertIn("not an e-mail address",
                      self.fails(2, "init", "other.toml", "--organiser-email", "nobody"))
        self.assertFalse(os.path.exists(self.path("other.toml")))


if __name__ == "__main__":
    unittest.main()
