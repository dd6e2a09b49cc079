"""create-event --from FILE.toml [--replace]: an event with its agenda from one file."""
import json
import unittest

from harness import ConveneTestCase

EVENT = """\
title = "Briefing"
slug = "briefing"
timezone = "Europe/Paris"
start = 2022-04-13T15:00:00
end = 16:00:00
description = "First version"

[[agenda]]
title = "Welcome"
start = "+0m"
duration = "10m"

[[agenda]]
title = "Talk"

[[agenda.speakers]]
name = "Ada"
role = "Chair"
"""


class EventFileTest(ConveneTestCase):
    def page(self, slug="briefing"):
        return json.loads(self.ok("show", slug, "--format", "json"))

    def test_creates_the_event_with_its_agenda(self):
        self.write("event.toml", EVENT)
        self.assertEqual(self.ok("create-event", "--from", "event.toml"), "briefing\n")
        page = self.page()
        self.assertEqual(page["times"][0]["text"],
                         "April 13, 2022, 3:00\u202fPM – 4:00\u202fPM "
                         "(Central European Summer Time)")
        self.assertEqual([i["title"] for i in page["agenda"]], ["Welcome", "Talk"])
        self.assertEqual(page["agenda"][1]["speakers"][0]["role"], "Chair")
        self.assertEqual(page["sequence"], 0)

    def test_tracks_type_room(self):
        self.write("parent.toml", 'title = "Days"\nslug = "days"\ndate = 2026-09-14\n'
                   'timezone = "UTC"\ntracks = ["Migration=#1f77b4", "Cities"]\n')
        self.ok("create-event", "--from", "parent.toml")
        self.write("talk.toml", 'title = "Talk"\nparent = "days"\nstart = 2026-09-14T10:00:00\n'
                   'duration = "30m"\ntimezone = "UTC"\ntrack = "Cities"\ntype = "panel"\n'
                   'room = "Saal 1"\n')
        self.ok("create-event", "--from", "talk.toml")
        page = self.page("talk")
        self.assertEqual((page["track"], page["type"], page["room"]), ("Cities", "panel", "Saal 1"))
        self.assertEqual([t["name"] for t in self.page("days")["tracks"]], ["Migration", "Cities"])
        self.write("bad.toml", 'title = "Bad"\ndate = 2026-09-14\ntimezone = "UTC"\n'
                   'tracks = ["A=#12"]\n')
        result = self.fails(5, "create-event", "--from", "bad.toml")
        self.assertIn("bad.toml:4: tracks: '#12' is not a colour", result)

    def test_from_stdin(self):
        self.assertEqual(self.ok("create-event", "--from", "-", input=EVENT), "briefing\n")

    def test_running_it_again_is_a_conflict_unless_replace(self):
        self.write("event.toml", EVENT)
        self.ok("create-event", "--from", "event.toml")
        uid = self.page()["uid"]
        err = self.fails(4, "create-event", "--from", "event.toml")
        self.assertIn("'briefing' exists already", err)
        self.assertIn("convene: hint: add --replace to update it from the file",
                      self.run_convene("create-event", "--from", "event.toml").stderr)

        # A change calendars do not see: same SEQUENCE; the agenda is rebuilt from the file.
        self.write("event.toml", EVENT.replace("First version", "Second version")
                   .replace('title = "Talk"', 'title = "Keynote"'))
        self.assertEqual(self.ok("create-event", "--from", "event.toml", "--replace"), "briefing\n")
        page = self.page()
        self.assertEqual((page["uid"], page["sequence"]), (uid, 0))
        self.assertEqual(page["description"], "Second version")
        self.assertEqual([i["title"] for i in page["agenda"]], ["Welcome", "Keynote"])

        # A new time: calendars must update, SEQUENCE grows; UID stays.
        self.write("event.toml", EVENT.replace("16:00:00", "16:30:00"))
        self.ok("create-event", "--from", "event.toml", "--replace")
        page = self.page()
        self.assertEqual((page["uid"], page["sequence"]), (uid, 1))
        self.assertEqual(page["times"][0]["text"],
                         "April 13, 2022, 3:00\u202fPM – 4:30\u202fPM "
                         "(Central European Summer Time)")
        self.assertEqual(len(self.page()["agenda"]), 2)

    def test_replace_keeps_agenda_item_uids_and_bumps_for_timed_changes(self):
        def item_uids():
            feed = self.ok("export-ics", "briefing", "--with-agenda")
            event = "UID:" + self.page()["uid"]
            return [line for line in feed.splitlines()
                    if line.startswith("UID:") and line != event]
        self.write("event.toml", EVENT)
        self.ok("create-event", "--from", "event.toml")
        before = item_uids()
        self.assertEqual(len(before), 1)
        self.write("event.toml", EVENT.replace('duration = "10m"', 'duration = "15m"'))
        self.ok("create-event", "--from", "event.toml", "--replace")
        self.assertEqual(item_uids(), before)
        self.assertEqual(self.page()["sequence"], 1)
        self.assertEqual(self.page()["agenda"][0]["duration_minutes"], 15)
        # Dropping the last item removes it; the first keeps its UID.
        self.write("event.toml", EVENT.split("[[agenda]]\ntitle = \"Talk\"")[0])
        self.ok("create-event", "--from", "event.toml", "--replace")
        self.assertEqual([i["title"] for i in self.page()["agenda"]], ["Welcome"])
        self.assertEqual(item_uids(), before)

    def test_replace_creates_when_nothing_is_there(self):
        self.write("event.toml", EVENT)
        self.assertEqual(self.ok("create-event", "--from", "event.toml", "--replace"), "briefing\n")

    def test_parent_by_slug(self):
        self.write("parent.toml", 'title = "Semaine"\nslug = "semaine"\ndate = 2022-04-11\n'
                                  'end-date = 2022-04-13\ntimezone = "Europe/Paris"\n')
        self.ok("create-event", "--from", "parent.toml")
        self.write("event.toml", 'parent = "semaine"\n' + EVENT)
        self.ok("create-event", "--from", "event.toml")
        self.assertEqual(self.page()["parent"]["slug"], "semaine")
        self.write("orphan.toml", 'parent = "nowhere"\n' + EVENT.replace('"briefing"', '"orphan"'))
        err = self.fails(3, "create-event", "--from", "orphan.toml")
        self.assertIn("orphan.toml:1: parent: no event 'nowhere'", err)

    def test_bad_files_name_the_line(self):
        self.write("event.toml", EVENT.replace('description = "First version"', "description = 7"))
        err = self.fails(5, "create-event", "--from", "event.toml")
        self.assertEqual(err, "convene: error: event.toml:6: description: expected a string")
        self.write("event.toml", EVENT + 'colour = "red"\n')
        self.assertIn("event.toml:19: agenda[2].speakers[1].colour: unknown key",
                      self.fails(5, "create-event", "--from", "event.toml"))
        self.write("event.toml", EVENT.replace('duration = "10m"', 'duration = "soon"'))
        self.assertIn("event.toml:11: agenda[1].duration: invalid duration 'soon'",
                      self.fails(5, "create-event", "--from", "event.toml"))
        self.write("event.toml", "title = [unclosed\n")
        self.assertIn("event.toml:1: ", self.fails(5, "create-event", "--from", "event.toml"))
        self.fails(2, "create-event", "--from", "missing.toml")
        # Nothing half-written: not even a database.
        self.assert_nothing_stored()

    def test_locale_from_the_file_else_the_configuration(self):
        self.write("event.toml", 'locale = "fr"\n' + EVENT)
        self.ok("create-event", "--from", "event.toml")
        self.assertEqual(self.page()["locale"], "fr")
        self.write("convene.toml", '[defaults]\nlocale = "es"\n')
        self.write("event.toml", EVENT)
        self.ok("create-event", "--from", "event.toml", "--replace")
        self.assertEqual(self.page()["locale"], "es")
        self.write("event.toml", 'locale = "de"\n' + EVENT)
        self.assertEqual(self.fails(5, "create-event", "--from", "event.toml", "--replace"),
                         "convene: error: event.toml:1: locale: convene does not write in 'de'")
        self.assertIn("convene: hint: use one of en, fr, es",
                      self.run_convene("create-event", "--from", "event.toml").stderr)

    def test_flags_beside_the_file_are_refused(self):
        self.write("event.toml", EVENT)
        self.assertIn("--title", self.fails(2, "create-event", "--from", "event.toml",
                                            "--title", "Other"))
        # --replace without --from takes the flags (test_day_two.RerunnableScripts).

    def test_items_outside_the_event_are_warnings(self):
        self.write("event.toml", EVENT.replace('duration = "10m"', 'duration = "2h"'))
        result = self.run_convene("create-event", "--from", "event.toml")
        self.assertEqual(result.code, 0, result.stderr)
        self.assertEqual(result.stderr,
                         "convene: warning: item 1 (Welcome) ends after the event\n")


if __name__ == "__main__":
    unittest.main()
