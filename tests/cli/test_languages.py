"""Languages everywhere (issue 27, point 5): create-event and update-event --languages, the
event file's `languages`, register --language and the language column of an import take BCP 47
tags ICU knows and languages' names in English, French and Spanish, and store canonical tags."""
import json
import sqlite3
import unittest

from harness import ConveneTestCase, sqlite_only


class LanguagesTest(ConveneTestCase):
    def create(self, languages, slug="briefing"):
        return self.run_convene("create-event", "--title", "Briefing", "--slug", slug,
                                "--date", "2022-04-13", "--languages", languages)

    def languages(self, slug="briefing"):
        return json.loads(self.ok("show", slug, "--format", "json"))["languages"]

    def refused(self, code, *args):
        """The one error line and the hint of a refused command."""
        error = self.fails(code, *args)
        hints = [line for line in self.run_convene(*args).stderr.splitlines()
                 if line.startswith("convene: hint: ")]
        return error, hints

    def test_names_in_three_languages_are_stored_as_tags(self):
        self.assertEqual(self.create("anglais,Français,alemán").code, 0)
        self.assertEqual(self.languages(), ["en", "fr", "de"])
        self.assertEqual(self.create("EN, pt_br,zh-hant-tw", "second").code, 0)
        self.assertEqual(self.languages("second"), ["en", "pt-BR", "zh-Hant-TW"])

    def test_create_event_refuses_duplicates_empty_items_and_unknown_languages(self):
        base = ("create-event", "--title", "Briefing", "--date", "2022-04-13", "--languages")
        error, hints = self.refused(2, *base, "en,en,EN")
        self.assertEqual(error, "convene: error: --languages: 'en' and 'en' are the same "
                                "language (en)")
        self.assertEqual(hints, ["convene: hint: give each language once"])
        error, _ = self.refused(2, *base, "anglais,Français,francés")
        self.assertEqual(error, "convene: error: --languages: 'Français' and 'francés' are the "
                                "same language (fr)")
        error, hints = self.refused(2, *base, "en,,fr")
        self.assertEqual(error, "convene: error: --languages: an item of the list is empty")
        self.assertEqual(len(hints), 1)
        error, hints = self.refused(2, *base, "klingonish")
        self.assertEqual(error, "convene: error: --languages: 'klingonish' is neither a language "
                                "tag nor a language's name")
        self.assertIn("BCP 47", hints[0])
        _, hints = self.refused(2, *base, "en,Frnech")
        self.assertTrue(hints[0].startswith("convene: hint: did you mean 'French'?"), hints)
        self.assertEqual(self.ok("list", "events", "--format", "jsonl"), "")

    def test_update_event_takes_the_same_languages(self):
        self.assertEqual(self.create("en").code, 0)
        self.ok("update-event", "briefing", "--languages", "English,espagnol,PT_br")
        self.assertEqual(self.languages(), ["en", "es", "pt-BR"])
        error = self.fails(2, "update-event", "briefing", "--languages", "en,fr,")
        self.assertEqual(error, "convene: error: --languages: an item of the list is empty")
        self.assertIn("same language", self.fails(2, "update-event", "briefing", "--languages",
                                                  "es,Spanish"))
        self.assertEqual(self.languages(), ["en", "es", "pt-BR"])
        self.ok("update-event", "briefing", "--languages", "")
        self.assertEqual(self.languages(), [])

    def test_the_event_files_languages(self):
        event = ('title = "Briefing"\nslug = "briefing"\ndate = 2022-04-13\n'
                 'languages = {}\n')
        self.write("event.toml", event.format('["anglais", "FR", "español"]'))
        self.ok("create-event", "--from", "event.toml")
        self.assertEqual(self.languages(), ["en", "fr", "es"])
        for languages, message in (('["en", "EN"]', "'en' and 'EN' are the same language (en)"),
                                   ('["en", ""]', "an item of the list is empty"),
                                   ('["klingonish"]', "'klingonish' is neither a language tag")):
            with self.subTest(languages=languages):
                self.write("bad.toml", event.format(languages).replace("briefing", "other"))
                error = self.fails(5, "create-event", "--from", "bad.toml")
                self.assertIn("bad.toml:4: languages: " + message, error)

    def test_register_takes_tags_and_names_and_stores_the_events_tag(self):
        self.assertEqual(self.create("anglais,francais,espagnol").code, 0)
        given = ["en", "EN", "Français", "anglais", "English", "francés", "ES"]
        for number, language in enumerate(given):
            self.ok("register", "briefing", "--name", f"P{number}", "--email",
                    f"p{number}@example.org", "--language", language)
        people = [json.loads(line) for line in self.ok(
            "list", "attendees", "briefing", "--format", "jsonl",
            "--fields", "language").splitlines()]
        self.assertEqual([p["language"] for p in people], ["en", "en", "fr", "en", "en", "fr", "es"])
        error, hints = self.refused(2, "register", "briefing", "--name", "Q", "--email",
                                    "q@example.org", "--language", "Frnech")
        self.assertEqual(error, "convene: error: language 'Frnech' is not one of the event's "
                                "languages (en, fr, es): did you mean 'French'?")
        self.assertIn("not one of the event's languages (en, fr, es)",
                      self.fails(2, "register", "briefing", "--name", "Q", "--email",
                                 "q@example.org", "--language", "allemand"))

    def test_the_language_column_of_an_import(self):
        self.assertEqual(self.create("en,fr,es").code, 0)
        self.write("people.csv", "name,email,language\nAna,ana@example.org,Français\n"
                                 "Bob,bob@example.org,anglais\nCy,cy@example.org,ES\n"
                                 "Di,di@example.org,francés\n")
        self.ok("register", "briefing", "--csv", "people.csv")
        people = [json.loads(line) for line in self.ok(
            "list", "attendees", "briefing", "--format", "jsonl",
            "--fields", "language").splitlines()]
        self.assertEqual([p["language"] for p in people], ["fr", "en", "es", "fr"])
        self.write("bad.csv", "name,email,language\nEd,ed@example.org,Englsh\n")
        self.assertIn("bad.csv:2: language 'Englsh' is not one of the event's languages "
                      "(en, fr, es): did you mean 'English'?",
                      self.fails(5, "register", "briefing", "--csv", "bad.csv"))

    @sqlite_only("writes the old tags into the SQLite file directly")
    def test_tags_stored_before_they_were_canonical_still_work(self):
        self.assertEqual(self.create("en,fr,es").code, 0)
        with sqlite3.connect(self.path("convene.db")) as db:
            db.execute("UPDATE event_language SET tag = CASE tag WHEN 'en' THEN 'EN' "
                       "WHEN 'fr' THEN 'francais' ELSE 'espagnol' END")
        self.assertEqual(self.check_database().code, 0)
        self.assertEqual(self.languages(), ["EN", "francais", "espagnol"])
        self.ok("update-event", "briefing", "--title", "Renamed")
        self.assertEqual(self.languages(), ["EN", "francais", "espagnol"])
        for number, language in enumerate(["en", "fr", "Français", "es"]):
            self.ok("register", "briefing", "--name", f"P{number}", "--email",
                    f"p{number}@example.org", "--language", language)
        people = [json.loads(line) for line in self.ok(
            "list", "attendees", "briefing", "--format", "jsonl",
            "--fields", "language").splitlines()]
        self.assertEqual([p["language"] for p in people], ["EN", "francais", "francais",
                                                           "espagnol"])
        self.ok("update-event", "briefing", "--languages", "EN,francais,espagnol")
        self.assertEqual(self.languages(), ["en", "fr", "es"])


if __name__ == "__main__":
    unittest.main()
