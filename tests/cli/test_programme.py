"""A conference programme (issue 30): the 40-talk conference of tests/fixtures/conference,
set up by its shell script, shown day by day (`show PARENT` in every format), listed by
parent, and exported as a schedule that validates."""
import html.parser
import json
import os
import subprocess
import unittest

import test_export_schedule as schedule_checks
from harness import BIN, SOURCE_DIR, ConveneTestCase

SETUP = os.path.join(SOURCE_DIR, "tests", "fixtures", "conference", "setup.sh")
DAYS = ["2026-10-05", "2026-10-06", "2026-10-07"]
FRENCH_DAYS = ["lundi 5 octobre 2026", "mardi 6 octobre 2026", "mercredi 7 octobre 2026"]


class Headings(html.parser.HTMLParser):
    """The page's h3 texts and, under each, its session list items' texts."""

    def __init__(self):
        super().__init__()
        self.days, self.open = [], None

    def handle_starttag(self, tag, attrs):
        if tag in ("h3", "li"):
            self.open = tag
            if tag == "h3":
                self.days.append(["", []])
            else:
                self.days[-1][1].append("")

    def handle_endtag(self, tag):
        if tag == self.open:
            self.open = None

    def handle_data(self, data):
        if self.open == "h3":
            self.days[-1][0] += data
        elif self.open == "li" and self.days:
            self.days[-1][1][-1] += data


class Programme(ConveneTestCase):
    def setUp(self):
        super().setUp()
        proc = subprocess.run(["bash", SETUP], capture_output=True, text=True,
                              env=dict(self.env, CONVENE=BIN), cwd=self.dir, timeout=600)
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def test_json_lists_every_session_with_its_day_place_and_speakers(self):
        page = json.loads(self.ok("show", "forum", "--format", "json"))
        sessions = page["sessions"]
        self.assertEqual(len(sessions), 43)
        self.assertEqual([sum(s["day"] == d for s in sessions) for d in DAYS], [14, 14, 15])
        self.assertEqual([s["day"] for s in sessions], sorted(s["day"] for s in sessions))
        by_slug = {s["slug"]: s for s in sessions}
        # After midnight, still the last evening's session: no fourth day.
        self.assertEqual(by_slug["night"]["day"], "2026-10-07")
        self.assertEqual((by_slug["keynote"]["room"], by_slug["keynote"]["track"],
                          by_slug["keynote"]["type"]), ("Amphi", "Migration", "keynote"))
        self.assertEqual(by_slug["keynote"]["speakers"],
                         [{"name": "Ana Silva", "role": "Chair", "organisation": "IOM"}])
        self.assertEqual(by_slug["atelier-06"]["type"], "workshop")
        self.assertEqual(sum(s["type"] == "workshop" for s in sessions), 3)
        self.assertTrue(all(s["status"] == "confirmed" for s in sessions))

    def test_text_has_a_heading_per_day_then_time_room_track_and_speakers(self):
        out = self.ok("show", "forum")
        self.assertIn("43 séances", out)
        starts = [out.index(day) for day in FRENCH_DAYS]
        self.assertEqual(starts, sorted(starts))
        self.assertNotIn("jeudi 8 octobre 2026", out)
        keynote = out[out.index("Ouverture : des villes"):]
        lines = [line.strip() for line in keynote.splitlines()[:3]]
        self.assertEqual(lines[1:], ["Amphi · Migration", "Ana Silva (IOM)"])
        self.assertIn("- 08 h 30 – 09 h 00 Ouverture", out[:out.index(FRENCH_DAYS[1])])
        night = out.index("La nuit des villes")
        self.assertGreater(night, starts[2])
        self.assertIn("- 23 h 30 – 00 h 30 La nuit des villes", out)

    def test_a_cancelled_session_says_so_and_keeps_its_place(self):
        self.ok("cancel-event", "talk-5")
        out = self.ok("show", "forum")
        self.assertIn("Exposé 5 (annulé)", out)
        self.assertIn("43 séances", out)

    def test_markdown_and_html_group_the_same_days(self):
        markdown = self.ok("show", "forum", "--format", "markdown")
        self.assertEqual([line[4:] for line in markdown.splitlines() if line.startswith("### ")],
                         FRENCH_DAYS)
        self.assertIn("- **23 h 30 – 00 h 30** La nuit des villes — Amphi · Villes — "
                      "Fatou Diop (Dakar)", markdown)
        parser = Headings()
        parser.feed(self.ok("show", "forum", "--format", "html"))
        self.assertEqual([day for day, _ in parser.days], FRENCH_DAYS)
        self.assertEqual([len(items) for _, items in parser.days], [14, 14, 15])
        self.assertIn("Amphi · Villes", parser.days[2][1][-1])

    def test_the_configured_day_change_decides_where_after_midnight_belongs(self):
        self.ok("create-event", "--slug", "forum-after", "--parent", "forum", "--title", "Après minuit",
                "--start", "2026-10-08T01:00", "--duration", "1h", "--tz", "Europe/Paris")
        day_of = lambda: {s["slug"]: s["day"] for s in json.loads(  # noqa: E731
            self.ok("show", "forum", "--format", "json"))["sessions"]}["forum-after"]
        self.assertEqual(day_of(), "2026-10-07")
        self.assertNotIn("jeudi 8 octobre 2026", self.ok("show", "forum"))
        self.write("convene.toml", '[output]\nday_change = "00:00"\n')
        self.assertEqual(day_of(), "2026-10-08")
        self.assertIn("jeudi 8 octobre 2026", self.ok("show", "forum"))
        root, _ = schedule_checks.ExportSchedule.read_xml(self.write(
            "schedule.xml", self.ok("export-schedule", "forum")))
        self.assertEqual(root.findtext("conference/days"), "4")
        # The flag still wins over the file.
        root, _ = schedule_checks.ExportSchedule.read_xml(self.write(
            "schedule.xml", self.ok("export-schedule", "forum", "--day-change", "04:00")))
        self.assertEqual(root.findtext("conference/days"), "3")

    def test_a_track_the_parent_does_not_declare_is_written_with_a_warning(self):
        result = self.run_convene("create-event", "--slug", "typo", "--parent", "forum",
                                  "--title", "Exposé mal rangé", "--start", "2026-10-05T12:00",
                                  "--duration", "30m", "--tz", "Europe/Paris",
                                  "--track", "Migraton")
        self.assertEqual(result.code, 0, result.stderr)
        self.assertIn("typo: the track 'Migraton' is not one of forum's tracks ('Migration', "
                      "'Villes')", result.stderr)
        # Case aside, a declared track is fine, on update as on create.
        result = self.run_convene("update-event", "typo", "--track", "migration")
        self.assertEqual((result.code, "is not one of" in result.stderr), (0, False),
                         result.stderr)
        result = self.run_convene("update-event", "typo", "--track", "Ailleurs")
        self.assertIn("the track 'Ailleurs' is not one of", result.stderr)

    def test_calendars_say_the_room_in_its_building_and_hear_of_a_room_change(self):
        def entry():
            feed = self.ok("export-ics", "keynote").replace("\r\n ", "")
            fields = dict(line.split(":", 1) for line in feed.split("\r\n")
                          if line.startswith(("LOCATION", "SEQUENCE")))
            return fields["LOCATION"], int(fields["SEQUENCE"])
        location, sequence = entry()
        self.assertEqual(location, "Amphi\\, Centre des congrès")
        self.ok("update-event", "keynote", "--room", "Salle A")
        self.assertEqual(entry(), ("Salle A\\, Centre des congrès", sequence + 1))

    def test_list_events_by_parent_and_dates(self):
        rows = json.loads(self.ok("list", "events", "--parent", "forum", "--format", "json",
                                  "--from", "2026-10-07", "--to", "2026-10-07"))
        self.assertEqual(len(rows), 15)
        self.assertIn("night", [row["slug"] for row in rows])

    def test_the_schedule_validates_with_three_days_and_every_talk(self):
        self.ok("export-schedule", "forum", "-o", self.path("schedule.xml"))
        xml_ok = schedule_checks.ExportSchedule.validate_xml(self, self.path("schedule.xml"))
        root, talks = schedule_checks.ExportSchedule.read_xml(self.path("schedule.xml"))
        self.assertEqual(root.findtext("conference/days"), "3")
        self.assertEqual(len(talks), 43)
        self.assertEqual(talks["La nuit des villes"]["day"], "2026-10-07")
        self.assertEqual(talks["Atelier du 05 octobre"]["type"], "workshop")
        document = json.loads(self.ok("export-schedule", "forum", "--format", "frab-json"))
        json_ok = schedule_checks.ExportSchedule.validate_json(self, document)
        self.assertEqual(document["schedule"]["conference"]["tracks"],
                         [{"name": "Migration", "color": "#1f77b4"},
                          {"name": "Villes", "color": "#ff7f0e"}])
        if not (xml_ok and json_ok):
            self.skipTest("a validator or the schemas are missing")


if __name__ == "__main__":
    unittest.main()
