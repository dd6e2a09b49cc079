"""import-schedule: a pretalx schedule (schedule.xml, schedule.json) read into a parent event with
a session per talk, read again after the programme committee changed it, and exported back with
the same talks, times, rooms, tracks and guids."""
import json
import os
import re
import unittest
import xml.etree.ElementTree as ET

from harness import SOURCE_DIR, ConveneTestCase

FIXTURES = os.path.join(SOURCE_DIR, "tests", "fixtures", "schedules")
XML = os.path.join(FIXTURES, "pretalx-schedule.xml")
JSON = os.path.join(FIXTURES, "pretalx-schedule.json")
GUID = "3f5c1b0e-8d7a-4c51-9d7e-0b7e1c2a4f0{}"


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def next_version(xml):
    """What a programme committee does between two releases: talk 104 moves from 14:00 to 16:00,
    talk 106 is dropped, a new talk 107 is added."""
    xml = xml.replace("<date>2026-06-11T14:00:00+02:00</date>",
                      "<date>2026-06-11T16:00:00+02:00</date>")
    added = """<event guid='3f5c1b0e-8d7a-4c51-9d7e-0b7e1c2a4f07' id='107'>
                <date>2026-06-12T09:00:00+02:00</date>
                <start>09:00</start>
                <duration>01:00</duration>
                <room>Salle Afrique</room>
                <title>Villes et climat : bilan</title>
                <track>Climat</track>
                <type>Talk</type>
                <language>fr</language>
                <abstract>Ce que les villes ont appris.</abstract>
                <persons><person id='1070'>Inès Ortega</person></persons>
            </event>"""
    return re.sub(r"<event guid='3f5c1b0e-8d7a-4c51-9d7e-0b7e1c2a4f06'.*?</event>", added, xml,
                  flags=re.S)


class ImportPretalx(ConveneTestCase):
    def sessions(self, parent="forum2026"):
        """The programme's sessions as `show --format json` prints them, by UID."""
        events = json.loads(self.ok("--format", "json", "list", "events"))
        shown = (json.loads(self.ok("--format", "json", "show", e["slug"]))
                 for e in events if e.get("parent") == parent)
        return {page["uid"]: page for page in shown}

    def test_the_xml_becomes_a_parent_with_a_session_per_talk(self):
        out = self.run_convene("import-schedule", XML)
        self.assertEqual(out.code, 0, out.stderr)
        self.assertIn("forum2026 (new event): 6 added, 0 updated, 0 cancelled, 0 unchanged",
                      out.stderr)
        self.assertEqual(len(out.stdout.splitlines()), 7)  # a header and one row per talk
        parent = json.loads(self.ok("--format", "json", "show", "forum2026"))
        self.assertEqual(parent["title"], "Forum des villes 2026")
        sessions = self.sessions()
        self.assertEqual(sorted(sessions), [GUID.format(n) for n in range(1, 7)])
        keynote = sessions[GUID.format(1)]
        self.assertEqual(keynote["title"], "Ouverture : les villes face aux migrations")
        self.assertEqual(keynote["start"], "2026-06-10T07:30:00Z")
        self.assertEqual(keynote["end"], "2026-06-10T08:00:00Z")
        self.assertEqual(keynote["room"], "Salle Europe")
        self.assertEqual(keynote["track"], "Migration")
        self.assertEqual(keynote["type"], "Keynote")
        self.assertEqual(keynote["languages"], ["fr"])
        self.assertEqual([s["name"] for s in keynote["agenda"][0]["speakers"]],
                         ["Sophie van Haasen"])

    def test_reading_the_same_schedule_again_changes_nothing(self):
        self.ok("import-schedule", XML)
        before = self.sessions()
        out = self.run_convene("import-schedule", XML)
        self.assertEqual(out.code, 0, out.stderr)
        self.assertIn("forum2026 (unchanged): 0 added, 0 updated, 0 cancelled, 6 unchanged",
                      out.stderr)
        self.assertEqual(self.sessions(), before)

    def test_the_json_gives_the_same_programme_as_the_xml(self):
        self.ok("import-schedule", JSON)
        from_json = self.sessions()
        out = self.run_convene("import-schedule", XML)
        self.assertIn("0 added, 0 updated, 0 cancelled, 6 unchanged", out.stderr)
        self.assertEqual(self.sessions(), from_json)

    def test_a_newer_version_moves_adds_and_cancels_in_place(self):
        self.ok("import-schedule", XML)
        before = self.sessions()
        newer = self.write("schedule-v2.xml", next_version(read(XML)))
        out = self.run_convene("import-schedule", newer)
        self.assertEqual(out.code, 0, out.stderr)
        self.assertIn("1 added, 1 updated, 1 cancelled, 4 unchanged", out.stderr)
        after = self.sessions()
        moved = after[GUID.format(4)]
        self.assertEqual(moved["start"], "2026-06-11T14:00:00Z")
        self.assertEqual(moved["sequence"], before[GUID.format(4)]["sequence"] + 1)
        self.assertEqual(moved["slug"], before[GUID.format(4)]["slug"])
        dropped = after[GUID.format(6)]
        self.assertEqual(dropped["status"], "cancelled")  # kept, so calendars get a CANCEL
        self.assertEqual(after[GUID.format(7)]["title"], "Villes et climat : bilan")
        for n in (1, 2, 3, 5):
            self.assertEqual(after[GUID.format(n)], before[GUID.format(n)])
        # Reading it a second time changes nothing more.
        again = self.run_convene("import-schedule", newer)
        self.assertIn("0 added, 0 updated, 0 cancelled, 6 unchanged", again.stderr)

    def test_a_session_added_by_hand_is_not_cancelled(self):
        self.ok("import-schedule", XML)
        self.ok("create-event", "--title", "Apéro", "--slug", "apero", "--start",
                "2026-06-10T19:00", "--duration", "2h", "--tz", "Europe/Paris",
                "--parent", "forum2026")
        out = self.run_convene("import-schedule", XML)
        self.assertIn("0 cancelled, 6 unchanged", out.stderr)
        show = json.loads(self.ok("--format", "json", "show", "apero"))
        self.assertEqual(show["status"], "confirmed")

    def test_the_export_gives_back_the_same_talks_times_rooms_tracks_and_guids(self):
        self.ok("import-schedule", XML)
        exported = ET.fromstring(self.ok("export-schedule", "forum2026"))
        original = ET.parse(XML).getroot()

        def talks(root):
            return {e.get("guid"): (e.findtext("title"), e.findtext("date"), e.findtext("duration"),
                                    e.findtext("room"), e.findtext("track"), e.findtext("type"))
                    for e in root.iter("event")}
        self.assertEqual(talks(exported), talks(original))

    def test_a_dry_run_shows_the_changes_and_writes_nothing(self):
        self.ok("import-schedule", XML)
        before = self.sessions()
        newer = self.write("schedule-v2.xml", next_version(read(XML)))
        out = self.run_convene("--format", "json", "import-schedule", newer, "--dry-run")
        self.assertEqual(out.code, 0, out.stderr)
        self.assertIn("1 added, 1 updated, 1 cancelled, 4 unchanged; dry run: nothing written",
                      out.stderr)
        changes = {row["change"] for row in json.loads(out.stdout)}
        self.assertEqual(changes, {"added", "updated", "cancelled", "unchanged"})
        self.assertEqual(self.sessions(), before)

    def test_a_guid_of_an_event_outside_the_programme_is_refused_with_nothing_written(self):
        self.ok("import-schedule", XML)
        other = read(XML).replace("<acronym>forum2026</acronym>", "<acronym>autre</acronym>")
        path = self.write("other.xml", other)
        error = self.fails(5, "import-schedule", path)
        self.assertRegex(error, r"other\.xml:22: talk 3f5c1b0e-8d7a-4c51-9d7e-0b7e1c2a4f01: guid: "
                                r"'ouverture-les-villes-face-aux-migrations' has it as UID, "
                                r"outside 'autre'")
        self.assertNotIn("autre", self.ok("list", "events"))

    def test_a_talk_the_rules_refuse_is_named_by_its_line_and_nothing_is_written(self):
        bad = read(XML).replace("<language>es</language>", "<language>klingonish</language>", 1)
        self.assertNotEqual(bad, read(XML))
        error = self.fails(5, "import-schedule", self.write("bad.xml", bad))
        self.assertRegex(error, r"bad\.xml:\d+: talk 3f5c1b0e-[0-9a-f-]+: languages: ")
        self.assertNotIn("forum2026", self.ok("list", "events"))

    def test_a_file_that_is_no_schedule_is_refused(self):
        path = self.write("notes.xml", "<notes><note>hello</note></notes>")
        error = self.fails(5, "import-schedule", path)
        self.assertIn("notes.xml: no <schedule><conference>", error)

    def test_the_parent_can_be_named(self):
        self.ok("import-schedule", XML, "--parent", "villes")
        self.assertIn("villes", self.ok("list", "events"))
        self.assertEqual(len(json.loads(self.ok("--format", "json", "list", "events"))), 7)


if __name__ == "__main__":
    unittest.main()
