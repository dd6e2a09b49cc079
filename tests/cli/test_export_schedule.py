"""export-schedule: frab/pretalx schedule.xml and schedule.json, checked against the published
schemas (xmllint --schema, python3-jsonschema) and read back as a conference app would."""
import json
import os
import shutil
import subprocess
import unittest
import xml.etree.ElementTree as ET

from harness import SOURCE_DIR, ConveneTestCase


def schema_dir():
    """The shared schemas: beside the repository (CI), or where CONVENE_SCHEMAS_DIR says."""
    for candidate in (os.environ.get("CONVENE_SCHEMAS_DIR", ""),
                      os.path.join(SOURCE_DIR, "..", "shared", "schemas")):
        if candidate and os.path.exists(os.path.join(candidate, "frab-schedule.xsd")):
            return candidate
    return None


SCHEMAS = schema_dir()
try:
    import jsonschema
except ImportError:  # Debian's python3-jsonschema is missing
    jsonschema = None


class ExportSchedule(ConveneTestCase):
    def conference(self):
        """A two-day forum with two sessions, one in a room, one online, speakers on the agenda."""
        self.ok("create-event", "--title", "Forum 2026", "--slug", "forum-2026", "--date",
                "2026-05-04", "--end-date", "2026-05-05", "--tz", "Europe/Paris", "--venue",
                "Palais des Nations", "--registration-url", "https://example.org/forum",
                "--languages", "en,fr")
        self.ok("create-event", "--title", "Opening plenary", "--slug", "opening", "--start",
                "2026-05-04T09:00", "--end", "10:30", "--tz", "Europe/Paris", "--venue",
                "Room XX", "--parent", "forum-2026")
        self.ok("add-agenda-item", "opening", "--title", "Welcome", "--start", "+0m",
                "--duration", "15m", "--speaker", "Ana Silva; Chair; IOM",
                "--speaker", "Bo Chen")
        self.ok("add-agenda-item", "opening", "--title", "Keynote", "--speaker", "Ana Silva")
        self.ok("create-event", "--title", "Side event & <friends>", "--slug", "side",
                "--start", "2026-05-05T14:00", "--duration", "1h", "--tz", "Europe/Paris",
                "--online", "https://example.org/meet", "--parent", "forum-2026")
        self.ok("create-event", "--title", "Dropped", "--slug", "dropped", "--start",
                "2026-05-05T16:00", "--duration", "1h", "--tz", "Europe/Paris",
                "--parent", "forum-2026")
        self.ok("cancel-event", "dropped")

    def workshop(self):
        """One event with a timed agenda, a break without a duration, an untimed item."""
        self.ok("create-event", "--title", "Workshop", "--slug", "workshop", "--start",
                "2026-06-01T09:00", "--end", "12:00", "--tz", "Europe/Paris", "--venue", "Room A")
        self.ok("add-agenda-item", "workshop", "--title", "Intro", "--start", "09:00",
                "--duration", "20m", "--speaker", "Cai Diaz; Host", "--point", "Why we meet")
        self.ok("add-agenda-item", "workshop", "--title", "Break", "--kind", "break",
                "--start", "10:00")
        self.ok("add-agenda-item", "workshop", "--title", "Q&A", "--kind", "discussion",
                "--start", "10:15", "--duration", "45m")
        self.ok("add-agenda-item", "workshop", "--title", "Notes for later")

    def validate_xml(self, path):
        if not SCHEMAS or not shutil.which("xmllint"):
            return False
        proc = subprocess.run(["xmllint", "--noout", "--schema",
                               os.path.join(SCHEMAS, "frab-schedule.xsd"), path],
                              capture_output=True, text=True, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return True

    def validate_json(self, document):
        if not SCHEMAS or jsonschema is None:
            return False
        with open(os.path.join(SCHEMAS, "frab-schedule.schema.json"), encoding="utf-8") as f:
            schema = json.load(f)
        checker = jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())
        errors = [f"{list(e.path)}: {e.message}" for e in checker.iter_errors(document)]
        self.assertEqual(errors, [])
        return True

    @staticmethod
    def read_xml(path):
        """What a reader (Giggity, ConfClerk) takes: days, rooms, talks with their details."""
        root = ET.parse(path).getroot()
        talks = {}
        for day in root.iter("day"):
            for room in day.iter("room"):
                for event in room.iter("event"):
                    talks[event.findtext("title")] = {
                        "day": day.get("date"), "room": room.get("name"),
                        "date": event.findtext("date"), "start": event.findtext("start"),
                        "duration": event.findtext("duration"), "type": event.findtext("type"),
                        "guid": event.get("guid"), "track": event.findtext("track") or None,
                        "url": event.findtext("url"),
                        "persons": [p.text for p in event.iter("person")]}
        return root, talks

    @staticmethod
    def read_json(document):
        talks = {}
        for day in document["schedule"]["conference"]["days"]:
            for room, events in day["rooms"].items():
                for event in events:
                    talks[event["title"]] = {
                        "day": day["date"], "room": room, "date": event["date"],
                        "start": event["start"], "duration": event["duration"],
                        "type": event["type"], "guid": event["guid"],
                        "track": event["track"],
                        "url": None if event["url"].startswith("urn:") else event["url"],
                        "persons": [p["name"] for p in event["persons"]]}
        return talks

    def test_conference_with_sessions_as_xml(self):
        self.conference()
        self.ok("export-schedule", "forum-2026", "-o", self.path("schedule.xml"))
        validated = self.validate_xml(self.path("schedule.xml"))
        root, talks = self.read_xml(self.path("schedule.xml"))
        self.assertEqual(root.findtext("conference/title"), "Forum 2026")
        self.assertEqual(root.findtext("conference/acronym"), "forum_2026")
        self.assertEqual(root.findtext("conference/days"), "2")
        self.assertEqual(root.findtext("conference/time_zone_name"), "Europe/Paris")
        self.assertEqual([d.get("date") for d in root.iter("day")], ["2026-05-04", "2026-05-05"])
        self.assertEqual(set(talks), {"Opening plenary", "Side event & <friends>"})
        opening = talks["Opening plenary"]
        self.assertEqual((opening["day"], opening["room"], opening["date"], opening["start"],
                          opening["duration"]),
                         ("2026-05-04", "Room XX", "2026-05-04T09:00:00+02:00", "09:00", "01:30"))
        # schedule.xml has no place for the organisation but the person's public name
        self.assertEqual(opening["persons"], ["Ana Silva (IOM)", "Bo Chen"])
        self.assertEqual(opening["type"], "talk")
        self.assertIsNone(opening["url"])  # not the parent's registration link
        side = talks["Side event & <friends>"]
        self.assertEqual((side["day"], side["room"], side["start"], side["duration"]),
                         ("2026-05-05", "Online", "14:00", "01:00"))
        if not validated:
            self.skipTest("xmllint or the schemas are missing: the XML was not validated")

    def test_conference_with_sessions_as_json(self):
        self.conference()
        document = json.loads(self.ok("export-schedule", "forum-2026", "--format", "frab-json"))
        validated = self.validate_json(document)
        talks = self.read_json(document)
        self.assertEqual(set(talks), {"Opening plenary", "Side event & <friends>"})
        self.assertEqual(talks["Opening plenary"]["room"], "Room XX")
        self.assertEqual(talks["Opening plenary"]["persons"], ["Ana Silva", "Bo Chen"])
        self.assertEqual(talks["Side event & <friends>"]["room"], "Online")
        conference = document["schedule"]["conference"]
        self.assertEqual(conference["daysCount"], 2)
        self.assertEqual([r["name"] for r in conference["rooms"]], ["Room XX", "Online"])
        if not validated:
            self.skipTest("python3-jsonschema or the schemas are missing: JSON not validated")

    def programme(self):
        """Three days, two tracks with colours, talks and workshops in rooms, a late talk."""
        self.ok("create-event", "--title", "Migration Days", "--slug", "days", "--date",
                "2026-09-14", "--end-date", "2026-09-16", "--tz", "Europe/Berlin", "--venue",
                "Kongresshaus", "--registration-url", "https://example.org/register",
                "--track", "Migration=#1F77B4", "--track", "Cities=")
        self.ok("create-event", "--title", "Opening", "--slug", "opening", "--parent", "days",
                "--start", "2026-09-14T09:00", "--duration", "1h", "--tz", "Europe/Berlin",
                "--type", "keynote", "--room", "Saal 1", "--track", "Migration",
                "--registration-url", "https://example.org/opening")
        self.ok("add-agenda-item", "opening", "--title", "Welcome", "--speaker",
                "Ana Silva; Chair; IOM", "--speaker", "Bo Chen")
        self.ok("create-event", "--title", "Mapping workshop", "--slug", "mapping",
                "--parent", "days", "--start", "2026-09-15T14:00", "--duration", "2h",
                "--tz", "Europe/Berlin", "--type", "workshop", "--room", "Raum 2",
                "--track", "Cities")
        self.ok("create-event", "--title", "Night talk", "--slug", "night", "--parent", "days",
                "--start", "2026-09-16T23:30", "--end", "2026-09-17T00:30",
                "--tz", "Europe/Berlin", "--track", "Open Space")

    def test_programme_tracks_types_rooms_persons_and_days(self):
        self.programme()
        self.ok("export-schedule", "days", "-o", self.path("schedule.xml"))
        xml_ok = self.validate_xml(self.path("schedule.xml"))
        root, talks = self.read_xml(self.path("schedule.xml"))
        document = json.loads(self.ok("export-schedule", "days", "--format", "frab-json"))
        json_ok = self.validate_json(document)
        from_json = self.read_json(document)
        # A day runs from 04:00 to 04:00: the talk after midnight adds no fourth day.
        self.assertEqual(root.findtext("conference/days"), "3")
        self.assertEqual([d.get("date") for d in root.iter("day")],
                         ["2026-09-14", "2026-09-15", "2026-09-16"])
        last = list(root.iter("day"))[-1]
        self.assertEqual((last.get("start"), last.get("end")),
                         ("2026-09-16T04:00:00+02:00", "2026-09-17T00:30:00+02:00"))
        self.assertEqual(talks["Night talk"]["day"], "2026-09-16")
        self.assertEqual(from_json["Night talk"]["day"], "2026-09-16")
        self.assertEqual(document["schedule"]["conference"]["daysCount"], 3)
        # Tracks, with the colours the parent declares, and the ones only a talk names.
        self.assertEqual([(t.get("name"), t.get("color")) for t in root.iter("track")
                          if t.get("name")],
                         [("Migration", "#1f77b4"), ("Cities", None), ("Open Space", None)])
        self.assertEqual(document["schedule"]["conference"]["tracks"],
                         [{"name": "Migration", "color": "#1f77b4"}, {"name": "Cities"},
                          {"name": "Open Space"}])
        for found in (talks, from_json):
            self.assertEqual({t: (v["type"], v["room"], v["track"]) for t, v in found.items()},
                             {"Opening": ("keynote", "Saal 1", "Migration"),
                              "Mapping workshop": ("workshop", "Raum 2", "Cities"),
                              "Night talk": ("talk", "Kongresshaus", "Open Space")})
            # Each talk's own link, never the parent's.
            self.assertEqual(found["Opening"]["url"], "https://example.org/opening")
            self.assertIsNone(found["Mapping workshop"]["url"])
        self.assertEqual(talks["Opening"]["persons"], ["Ana Silva (IOM)", "Bo Chen"])
        opening = document["schedule"]["conference"]["days"][0]["rooms"]["Saal 1"][0]
        self.assertEqual(opening["persons"][0]["organisation"], "IOM")
        self.assertEqual(opening["persons"][0]["role"], "Chair")
        if not (xml_ok and json_ok):
            self.skipTest("a validator or the schemas are missing")

    def test_published_pages_and_the_day_change(self):
        self.programme()
        self.ok("export-schedule", "days", "--base-url", "https://example.org/days/",
                "--day-change", "00:00", "-o", self.path("schedule.xml"))
        xml_ok = self.validate_xml(self.path("schedule.xml"))
        root, talks = self.read_xml(self.path("schedule.xml"))
        self.assertEqual(root.findtext("conference/base_url"), "https://example.org/days/")
        self.assertEqual(talks["Opening"]["url"], "https://example.org/days/opening.html")
        self.assertEqual(talks["Night talk"]["url"], "https://example.org/days/night.html")
        # With days from midnight the night talk's end falls on a fourth day.
        self.assertEqual(root.findtext("conference/days"), "4")
        document = json.loads(self.ok("export-schedule", "days", "--format", "frab-json",
                                      "--base-url", "https://example.org/days"))
        json_ok = self.validate_json(document)
        self.assertEqual(self.read_json(document)["Mapping workshop"]["url"],
                         "https://example.org/days/mapping.html")
        self.assertEqual(document["schedule"]["base_url"], "https://example.org/days")
        self.fails(2, "export-schedule", "days", "--day-change", "25:00")
        self.fails(2, "export-schedule", "days", "--base-url", "example.org")
        if not (xml_ok and json_ok):
            self.skipTest("a validator or the schemas are missing")

    def test_event_with_timed_agenda_both_formats_agree(self):
        self.workshop()
        self.ok("export-schedule", "workshop", "-o", self.path("schedule.xml"))
        xml_ok = self.validate_xml(self.path("schedule.xml"))
        _, from_xml = self.read_xml(self.path("schedule.xml"))
        document = json.loads(self.ok("--format", "frab-json", "export-schedule", "workshop"))
        json_ok = self.validate_json(document)
        from_json = self.read_json(document)
        self.assertEqual(from_xml, from_json)
        self.assertEqual(set(from_xml), {"Intro", "Break", "Q&A"})  # untimed item left out
        self.assertEqual(from_xml["Intro"]["persons"], ["Cai Diaz"])
        self.assertEqual(from_xml["Break"]["duration"], "00:15")  # until the next item
        self.assertEqual(from_xml["Break"]["type"], "break")
        self.assertEqual(from_xml["Q&A"]["room"], "Room A")
        if not (xml_ok and json_ok):
            self.skipTest("a validator or the schemas are missing")

    def test_guids_are_stable_and_follow_the_uid(self):
        self.workshop()
        before = self.read_json(json.loads(self.ok("export-schedule", "workshop", "--format",
                                                   "frab-json")))
        self.ok("update-agenda-item", "workshop", "1", "--title", "Introduction")
        after = self.read_json(json.loads(self.ok("export-schedule", "workshop", "--format",
                                                  "frab-json")))
        self.assertEqual(before["Intro"]["guid"], after["Introduction"]["guid"])
        self.assertEqual(before["Q&A"]["guid"], after["Q&A"]["guid"])
        self.assertEqual(len({t["guid"] for t in after.values()}), 3)

    def test_errors(self):
        self.workshop()
        self.fails(3, "export-schedule", "nope")
        self.fails(2, "export-schedule", "workshop", "--format", "csv")
        self.ok("create-event", "--title", "Empty", "--date", "2026-01-01", "--tz", "UTC")
        result = self.run_convene("export-schedule", "empty")
        self.assertEqual(result.code, 0)
        self.assertIn("warning", result.stderr)
        self.assertIn("<schedule>", result.stdout)


if __name__ == "__main__":
    unittest.main()
