"""Did you mean: every name convene looks up gets the nearest names as a hint, never applied
silently; bare `convene` and `convene help COMMAND` print the help; aliases are accepted."""
import json

from harness import ConveneTestCase


class Suggestions(ConveneTestCase):
    def error_and_hint(self, code, *args):
        result = self.run_convene(*args)
        self.assertEqual(result.code, code, result.stderr)
        self.assertEqual(result.stdout, "")
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 2, result.stderr)
        self.assertTrue(lines[0].startswith("convene: error: "), result.stderr)
        self.assertTrue(lines[1].startswith("convene: hint: "), result.stderr)
        return lines[0][len("convene: error: "):], lines[1][len("convene: hint: "):]

    def test_unknown_command(self):
        what, hint = self.error_and_hint(2, "creat-event", "--title", "X")
        self.assertEqual(what, "unknown command 'creat-event'")
        self.assertEqual(hint, "did you mean 'create-event'?")

    def test_unknown_command_far_from_any_gets_the_help_pointer(self):
        what, hint = self.error_and_hint(2, "frobnicate")
        self.assertEqual(what, "unknown command 'frobnicate'")
        self.assertEqual(hint, "see 'convene --help'")

    def test_unknown_subcommand_is_named(self):
        what, hint = self.error_and_hint(2, "list", "attendes", "x")
        self.assertEqual(what, "'convene list' has no subcommand 'attendes'")
        self.assertEqual(hint, "did you mean 'attendees'?")

    def test_missing_subcommand_lists_them(self):
        what, hint = self.error_and_hint(2, "list")
        self.assertEqual(what, "'convene list' needs one of: events, agenda, attendees")

    def test_global_options_without_a_command(self):
        for args in (["--db", "x.db"], ["--quiet"], ["--format", "json", "--db", "x.db"]):
            with self.subTest(args=args):
                what, hint = self.error_and_hint(2, *args)
                self.assertEqual(what, "no command given")
                self.assertEqual(hint, "see 'convene --help'")
        self.assertFalse(self.run_convene("--db", "x.db").stderr.count("subcommand"))

    def test_unknown_option_within_its_command(self):
        what, hint = self.error_and_hint(2, "register", "x", "--emial", "a@b.org", "--name", "A")
        self.assertEqual(what, "unknown option '--emial' for 'register'")
        self.assertEqual(hint, "did you mean '--email'?")
        what, hint = self.error_and_hint(2, "--quite", "list", "events")
        self.assertEqual(what, "unknown option '--quite' for 'list events'")
        self.assertEqual(hint, "did you mean '--quiet'?")

    def test_time_zone_case_and_nearest(self):
        what, hint = self.error_and_hint(2, "create-event", "--title", "X", "--start",
                                         "2024-05-01T09:00", "--duration", "1h", "--tz",
                                         "europe/paris")
        self.assertEqual(what, "--tz: unknown time zone 'europe/paris'")
        self.assertEqual(hint, "did you mean 'Europe/Paris'?")
        self.ok("create-event", "--title", "X", "--date", "2024-05-01", "--tz", "UTC")
        _, hint = self.error_and_hint(2, "show", "x", "--tz", "Europe/Pari")
        self.assertIn("'Europe/Paris'", hint)

    def test_event_slug_prefix_case_and_typo_are_offered_not_taken(self):
        slug = self.ok("create-event", "--title",
                       "Séance d'information sur la route vers le Forum d'examen des migrations",
                       "--date", "2024-05-01", "--tz", "UTC").strip()
        self.assertEqual(slug, "seance-d-information-sur-la-route-vers")
        for given in ("seance-d-information", "SEANCE-D-INFORMATION-SUR-LA-ROUTE-VERS",
                      "seance-d-informaton-sur-la-route-vers"):
            with self.subTest(given=given):
                what, hint = self.error_and_hint(3, "show", given)
                self.assertEqual(what, f"no event '{given}'")
                self.assertEqual(hint, f"did you mean '{slug}'?")
        _, hint = self.error_and_hint(3, "show", "nothing-like-it")
        self.assertEqual(hint, "'convene list events' shows the slugs")

    def test_agenda_position(self):
        slug = self.ok("create-event", "--title", "A", "--date", "2024-05-01", "--tz", "UTC").strip()
        self.ok("add-agenda-item", slug, "--title", "Opening")
        self.ok("add-agenda-item", slug, "--title", "Closing")
        what, hint = self.error_and_hint(3, "update-agenda-item", slug, "3", "--title", "X")
        self.assertEqual(what, f"'{slug}' has no agenda item 3")
        self.assertIn("1 to 2", hint)

    def test_format_name(self):
        self.ok("create-event", "--title", "A", "--date", "2024-05-01", "--tz", "UTC")
        what, hint = self.error_and_hint(2, "list", "events", "--format", "jsn")
        self.assertIn("unknown output format 'jsn'", what)
        self.assertEqual(hint, "did you mean 'json'?")
        _, hint = self.error_and_hint(2, "show", "a", "--format", "markdwn")
        self.assertEqual(hint, "did you mean 'markdown'?")
        _, hint = self.error_and_hint(2, "export-schedule", "a", "--format", "frab-jsn")
        self.assertEqual(hint, "did you mean 'frab-json'?")

    def test_bare_convene_prints_the_help(self):
        result = self.run_convene()
        self.assertEqual(result.code, 0)
        self.assertEqual(result.stderr, "")
        self.assertEqual(result.stdout, self.ok("--help"))

    def test_help_command_prints_the_same_as_help_flag(self):
        self.assertEqual(self.ok("help"), self.ok("--help"))
        self.assertEqual(self.ok("help", "register"), self.ok("register", "--help"))
        self.assertEqual(self.ok("help", "list", "attendees"), self.ok("list", "attendees", "--help"))
        self.assertEqual(self.ok("--quiet", "help", "register"), self.ok("register", "--help"))
        # Help on help is the general help, which describes `help [COMMAND]`.
        self.assertEqual(self.ok("help", "--help"), self.ok("--help"))
        self.assertEqual(self.ok("help", "-h"), self.ok("--help"))
        self.assertEqual(self.ok("help", "register", "--help"), self.ok("register", "--help"))
        what, hint = self.error_and_hint(2, "help", "regster")
        self.assertEqual(what, "unknown command 'regster'")
        self.assertEqual(hint, "did you mean 'register'?")


class Aliases(ConveneTestCase):
    def test_british_and_american_spellings_and_the_config_key_name(self):
        """--organizer is --organiser, --organization --organisation, and --timezone (the name
        of the config key defaults.timezone) is --tz: each stores what the other would."""
        slug = self.ok("create-event", "--title", "Aliases", "--start", "2024-05-01T09:00",
                       "--duration", "1h", "--timezone", "Asia/Tokyo", "--organizer", "Org A",
                       "--organiser", "Org B").strip()
        page = json.loads(self.ok("show", slug, "--format", "json"))
        self.assertEqual((page["timezone"], page["start"]), ("Asia/Tokyo", "2024-05-01T00:00:00Z"))
        self.assertEqual(page["organisers"], ["Org A", "Org B"])
        self.ok("update-event", slug, "--organizer", "Org C", "--timezone", "Europe/Paris")
        page = json.loads(self.ok("show", slug, "--format", "json"))
        self.assertEqual((page["timezone"], page["start"]),
                         ("Europe/Paris", "2024-05-01T07:00:00Z"))
        self.assertEqual(page["organisers"], ["Org C"])
        in_utc = self.ok("show", slug, "--timezone", "UTC")
        self.assertEqual(in_utc, self.ok("show", slug, "--tz", "UTC"))
        self.assertIn("Coordinated Universal Time", in_utc)
        self.ok("register", slug, "--name", "A", "--email", "a@example.org", "--organization", "X")
        self.ok("register", slug, "--name", "B", "--email", "b@example.org", "--organisation", "Y")
        self.assertEqual(self.ok("list", "attendees", slug, "--format", "tsv", "--no-header",
                                 "--fields", "email,organisation"),
                         "a@example.org\tX\nb@example.org\tY\n")

    def test_update_help_shows_no_create_time_defaults(self):
        update = self.ok("update-event", "--help")
        self.assertNotIn("from the title", update)
        self.assertNotIn("default: confirmed", update)
        self.assertNotIn("defaults.timezone", update)
        create = self.ok("create-event", "--help")
        self.assertIn("from the title", create)
        self.assertIn("default: confirmed", create)

    def test_long_titles_give_short_unique_slugs_and_slug_wins(self):
        title = "Séance d'information sur la route vers le Forum d'examen des migrations"
        args = ("--date", "2024-05-01", "--tz", "UTC")
        first = self.ok("create-event", "--title", title, *args).strip()
        second = self.ok("create-event", "--title", title, *args).strip()
        self.assertEqual(first, "seance-d-information-sur-la-route-vers")
        self.assertEqual(second, "seance-d-information-sur-la-route-vers-2")
        third = self.ok("create-event", "--title", title, "--slug", "imrf", *args).strip()
        self.assertEqual(third, "imrf")


if __name__ == "__main__":
    import unittest
    unittest.main()
