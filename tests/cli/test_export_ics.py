"""export-ics: the published calendar, read back by two independent parsers (ICS.md "Checking").

Every export goes through ical_check (libical) and tests/ics/ics_check.py (byte rules +
python3-icalendar); both must accept it and compute the expected UTC instants.
Set CONVENE_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change.
"""
import os
import re
import unittest

from ics_testing import (ORGANISER_TOML, SEED_DESCRIPTION, SEED_END, SEED_START, SEED_TITLE,
                         ExportTestCase, ics_check)

# create_briefing's parent event, whose sessions' feed carries its name.
PARENT_TITLE = ("Migrations et déplacements en contexte de crise : Que font les GLR pour sauver "
                "et protéger des vies ?")


class Instants(ExportTestCase):
    def create(self, *args):
        return self.ok("create-event", "--title", "Test", *args).strip()

    def test_seed_briefing(self):
        _, slug = self.create_briefing()
        data, start, end = self.export_one(slug)
        self.assertEqual((start, end), (SEED_START, SEED_END))
        self.assertIn(b"DTSTART;TZID=Europe/Paris:20220413T150000\r\n", data)

    def test_paris_across_the_spring_dst_change(self):
        slug = self.create("--start", "2025-03-30T01:30", "--end", "03:30", "--tz", "Europe/Paris")
        data, start, end = self.export_one(slug)
        self.assertEqual((start, end), ("2025-03-30T00:30:00Z", "2025-03-30T01:30:00Z"))
        self.assertIn(b"DTSTART;TZID=Europe/Paris:20250330T013000\r\n", data)
        self.assertIn(b"DTEND;TZID=Europe/Paris:20250330T033000\r\n", data)
        self.assertIn(b"BEGIN:DAYLIGHT\r\n", data)
        self.assertIn(b"BEGIN:STANDARD\r\n", data)

    def test_paris_in_the_repeated_autumn_hour(self):
        # 02:30 happens twice on 2025-10-26; the second (CET, +01:00) is only expressible in UTC.
        slug = self.create("--start", "2025-10-26T02:30+01:00", "--end", "2025-10-26T03:30+01:00",
                           "--tz", "Europe/Paris")
        data, start, end = self.export_one(slug)
        self.assertEqual((start, end), ("2025-10-26T01:30:00Z", "2025-10-26T02:30:00Z"))
        self.assertIn(b"DTSTART:20251026T013000Z\r\n", data)

    def test_auckland_across_midnight(self):
        slug = self.create("--start", "2025-01-31T22:00", "--end", "2025-02-01T01:00",
                           "--tz", "Pacific/Auckland")
        data, start, end = self.export_one(slug)
        self.assertEqual((start, end), ("2025-01-31T09:00:00Z", "2025-01-31T12:00:00Z"))
        self.assertIn(b"DTEND;TZID=Pacific/Auckland:20250201T010000\r\n", data)

    def test_utc(self):
        slug = self.create("--start", "2022-04-13T13:00", "--end", "14:00", "--tz", "UTC")
        data, start, end = self.export_one(slug)
        self.assertEqual((start, end), (SEED_START, SEED_END))
        self.assertIn(b"DTSTART:20220413T130000Z\r\n", data)
        self.assertNotIn(b"TZID", data)
        self.assertNotIn(b"VTIMEZONE", data)

    def test_all_day_over_three_days_has_an_exclusive_end(self):
        slug = self.create("--date", "2022-04-11", "--end-date", "2022-04-13",
                           "--tz", "Europe/Paris")
        data, start, end = self.export_one(slug)
        self.assertEqual((start, end), ("2022-04-11", "2022-04-14"))
        self.assertIn(b"DTSTART;VALUE=DATE:20220411\r\nDTEND;VALUE=DATE:20220414\r\n", data)
        self.assertNotIn(b"VTIMEZONE", data)


class Feed(ExportTestCase):
    def test_a_published_feed_has_no_method_organizer_or_attendee(self):
        self.write("convene.toml", ORGANISER_TOML)
        parent, slug = self.create_briefing("--venue", "Genève, salle XX; 2e étage")
        data = self.export(slug, parent)
        for forbidden in (b"METHOD", b"ORGANIZER", b"ATTENDEE"):
            self.assertNotIn(forbidden, data)
        self.check(data, [(self.uid(slug), SEED_START, SEED_END),
                          (self.uid(parent), "2022-04-11", "2022-04-14")])
        self.assertEqual(self.property(data, "NAME"), [PARENT_TITLE])
        self.assertEqual(self.property(data, "LOCATION"), ["Genève\\, salle XX\\; 2e étage"])
        self.assertEqual(self.property(data, "URL"), ["https://example.org/imrf-briefing/register"])
        self.assertEqual(self.property(data, "CONFERENCE"), ["https://example.org/imrf-briefing"])
        self.assertIn(b'CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL="Join online":', data)
        self.assertEqual(self.property(data, "RELATED-TO"), [self.uid(parent)])
        description = self.property(data, "DESCRIPTION")[0]
        self.assertIn("Join online: https://example.org/imrf-briefing\\n", description)
        self.assertIn("Interpretation: English\\, French\\, and Spanish", description)

    def test_one_event_names_the_calendar_after_it(self):
        _, slug = self.create_briefing()
        data = self.export(slug)
        self.assertEqual(self.property(data, "NAME"), [SEED_TITLE])

    def test_all_events_share_one_vtimezone_per_zone(self):
        parent, slug = self.create_briefing()
        other = self.ok("create-event", "--title", "Autre", "--start", "2022-12-01T10:00",
                        "--end", "11:00", "--tz", "Europe/Paris").strip()
        kiwi = self.ok("create-event", "--title", "Kiwi", "--start", "2022-06-01T10:00",
                       "--end", "11:00", "--tz", "Pacific/Auckland").strip()
        data = self.export("--all")
        self.check(data, [
            (self.uid(parent), "2022-04-11", "2022-04-14"),
            (self.uid(slug), SEED_START, SEED_END),
            (self.uid(kiwi), "2022-05-31T22:00:00Z", "2022-05-31T23:00:00Z"),
            (self.uid(other), "2022-12-01T09:00:00Z", "2022-12-01T10:00:00Z"),
        ])
        self.assertEqual(data.count(b"BEGIN:VTIMEZONE\r\n"), 2)
        self.assertEqual(data.count(b"TZID:Europe/Paris\r\n"), 1)
        # Unrelated events from no one in particular: no made-up name ("convene events"); the
        # calendar program names the calendar after its file, as it does any unnamed one.
        self.assertEqual(self.property(data, "NAME"), [])
        self.assertNotIn(b"X-WR-CALNAME", data)
        self.write("convene.toml", ORGANISER_TOML)
        data = self.export("--all")
        self.assertEqual(self.property(data, "NAME"), ["Mayors Mechanism\\, GFMD"])
        self.assertEqual(self.property(data, "X-WR-CALNAME"), ["Mayors Mechanism\\, GFMD"])

    def test_a_programme_feed_is_named_after_the_parent(self):
        parent, slug = self.create_briefing()
        second = self.ok("create-event", "--title", "Atelier", "--start", "2022-04-12T10:00",
                         "--end", "11:00", "--tz", "Europe/Paris", "--parent", parent).strip()
        for events in ((slug, second), (parent, slug, second), (second, parent)):
            with self.subTest(events=events):
                data = self.export(*events)
                self.assertEqual(self.property(data, "NAME"), [PARENT_TITLE])
                self.assertEqual(self.property(data, "X-WR-CALNAME"), [PARENT_TITLE])
        # A session alone is its own event.
        self.assertEqual(self.property(self.export(second), "NAME"), ["Atelier"])

    def test_events_of_one_organisation_are_named_after_it(self):
        _, slug = self.create_briefing()
        other = self.ok("create-event", "--title", "Autre", "--start", "2022-12-01T10:00",
                        "--end", "11:00", "--tz", "Europe/Paris",
                        "--organiser", "Mayors Mechanism").strip()
        self.assertEqual(self.property(self.export(slug, other), "NAME"), ["Mayors Mechanism"])

    def test_naming_an_event_twice_exports_it_once(self):
        _, slug = self.create_briefing()
        data = self.export(slug, slug, "imrf-briefing")
        self.assertEqual(data.count(b"BEGIN:VEVENT"), 1)

    def test_unchanged_reexport_is_byte_identical(self):
        parent, slug = self.create_briefing("--description", SEED_DESCRIPTION)
        first = self.export(slug, parent)
        self.ok("update-event", slug, "--title", SEED_TITLE)
        self.assertEqual(self.export(slug, parent), first)

    def test_output_file_is_written_whole_and_replaced(self):
        _, slug = self.create_briefing()
        target = self.path("feed.ics")
        self.write("feed.ics", "old")
        result = self.run_convene("export-ics", slug, "-o", target)
        self.assertEqual(result.code, 0, result.stderr)
        self.assertEqual(result.stdout, "")
        with open(target, "rb") as f:
            self.assertEqual(f.read(), self.export(slug))
        self.assertEqual(sorted(os.listdir(self.dir)),
                         sorted(["feed.ics", *self.local_store_files()]))

    def test_output_file_in_a_missing_folder_is_a_usage_error(self):
        _, slug = self.create_briefing()
        error = self.fails(2, "export-ics", slug, "-o", self.path("missing", "feed.ics"))
        self.assertIn("missing/feed.ics", error)

    def test_usage_and_not_found(self):
        self.fails(2, "export-ics")
        self.fails(3, "export-ics", "--all")
        self.fails(3, "export-ics", "no-such-event")
        _, slug = self.create_briefing()
        self.fails(2, "export-ics", slug, "--all")


class Sequence(ExportTestCase):
    def sequence(self, slug):
        [value] = self.property(self.export(slug), "SEQUENCE")
        return int(value)

    def test_sequence_grows_with_calendar_changes_only(self):
        _, slug = self.create_briefing()
        uid = self.uid(slug)
        self.assertEqual(self.sequence(slug), 0)
        steps = [
            (["--description", "Nouvelle description"], 0),
            (["--start", "2022-04-13T15:30", "--end", "16:30"], 1),
            (["--title", "Nouveau titre"], 2),
            (["--venue", "Genève"], 3),
            (["--status", "tentative"], 4),
            (["--registration-url", "https://example.org/other"], 4),
        ]
        for flags, expected in steps:
            with self.subTest(flags=flags):
                self.ok("update-event", slug, *flags)
                data = self.export(slug)
                self.assertEqual(self.property(data, "SEQUENCE"), [str(expected)])
                self.assertEqual(self.property(data, "UID"), [uid])
                self.check(data, ics_check.check_bytes(data))

    def test_cancelled_event(self):
        _, slug = self.create_briefing()
        self.ok("cancel-event", slug)
        data = self.export(slug)
        self.check(data, [(self.uid(slug), SEED_START, SEED_END)])
        self.assertEqual(self.property(data, "STATUS"), ["CANCELLED"])
        self.assertEqual(self.property(data, "SEQUENCE"), ["1"])
        description = self.property(data, "DESCRIPTION")[0]
        self.assertTrue(description.startswith("This event is cancelled."))
        self.assertNotIn(b"METHOD", data)


class Agenda(ExportTestCase):
    def test_the_agenda_with_speakers_is_in_the_description(self):
        _, slug = self.create_briefing()
        self.add_seed_agenda(slug)
        data = self.export(slug)
        self.assertEqual(data.count(b"BEGIN:VEVENT"), 1)
        description = self.property(data, "DESCRIPTION")[0]
        self.assertIn("Agenda:\\n1. Détails techniques\\n2. La route vers le Forum", description)
        self.assertIn("\\n   Monami Maulik\\, Stakeholder Liaison Officer\\, Réseau des Nations",
                      description)
        self.assertIn("\\n   - Êtes-vous intéressé", description)
        self.check(data, [(self.uid(slug), SEED_START, SEED_END)])

    def test_with_agenda_adds_a_vevent_per_timed_item(self):
        _, slug = self.create_briefing()
        uid = self.uid(slug)
        self.ok("add-agenda-item", slug, "--title", "Accueil", "--start", "15:00",
                "--duration", "10m")
        self.ok("add-agenda-item", slug, "--title", "Sans horaire")
        self.ok("add-agenda-item", slug, "--title", "La route", "--start", "+10m",
                "--duration", "30m",
                "--speaker", "Monami Maulik; Stakeholder Liaison Officer; UN Network on Migration")
        self.ok("add-agenda-item", slug, "--title", "Questions", "--start", "15:40")
        data = self.export(slug, "--with-agenda")
        [welcome, road, questions] = [u for u in self.property(data, "UID") if u != uid]
        # Each item's own UID, made once when it was added (a UUID, like the event's).
        for item_uid in (welcome, road, questions):
            self.assertRegex(item_uid, r"^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}@convene$")
        self.assertEqual(len({uid, welcome, road, questions}), 4)
        self.check(data, [
            (uid, SEED_START, SEED_END),
            (welcome, "2022-04-13T13:00:00Z", "2022-04-13T13:10:00Z"),
            (road, "2022-04-13T13:10:00Z", "2022-04-13T13:40:00Z"),
            (questions, "2022-04-13T13:40:00Z", "-"),
        ])
        self.assertIn(f"{SEED_TITLE} — La route", self.property(data, "SUMMARY"))
        self.assertIn("Monami Maulik\\, Stakeholder Liaison Officer\\, UN Network on Migration\\n",
                      "".join(self.property(data, "DESCRIPTION")))
        self.assertEqual(self.property(data, "RELATED-TO").count(uid), 3)
        self.assertEqual(data.count(b"BEGIN:VTIMEZONE"), 1)
        # Item UIDs survive reordering and renaming.
        self.ok("move-agenda-item", slug, "1", "--to", "4")
        self.ok("update-agenda-item", slug, "1", "--title", "Autre titre")
        moved = self.export(slug, "--with-agenda")
        self.assertEqual(sorted(self.property(moved, "UID")), sorted(self.property(data, "UID")))

    def test_agenda_items_of_an_all_day_event_get_its_zone(self):
        parent, _ = self.create_briefing()
        self.ok("add-agenda-item", parent, "--title", "Jour 2", "--start", "2022-04-12T09:00",
                "--duration", "1h30m")
        data = self.export(parent, "--with-agenda")
        items = [u for u in self.property(data, "UID") if u != self.uid(parent)]
        self.check(data, [(self.uid(parent), "2022-04-11", "2022-04-14"),
                          (items[0], "2022-04-12T07:00:00Z", "2022-04-12T08:30:00Z")])
        self.assertIn(b"DTSTART;TZID=Europe/Paris:20220412T090000\r\n", data)


class Golden(ExportTestCase):
    def test_seed_feed(self):
        parent, slug = self.create_briefing("--description", SEED_DESCRIPTION)
        self.add_seed_agenda(slug)
        data = self.export(parent, slug)
        self.compare_golden("seed-feed.ics", data, [self.uid(parent), self.uid(slug)])


if __name__ == "__main__":
    unittest.main()


class Reminders(ExportTestCase):
    """--reminder adds a VALARM (ACTION:DISPLAY) to feeds and invitations, never to a
    cancellation; both parsers read the result."""

    def setUp(self):
        super().setUp()
        self.write("convene.toml", ORGANISER_TOML)
        _, self.slug = self.create_briefing()
        self.ok("register", self.slug, "--name", "Jane", "--email", "jane@example.org")

    def alarms(self, data):
        import icalendar
        [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
        return [(str(alarm["ACTION"]), alarm["TRIGGER"].dt) for alarm in event.walk("VALARM")]

    def test_feed_and_invitation_get_alarms(self):
        import datetime
        expected = [("DISPLAY", -datetime.timedelta(days=1)),
                    ("DISPLAY", -datetime.timedelta(minutes=30))]
        feed = self.export(self.slug, "--reminder", "1d", "--reminder", "30m")
        self.export_check(feed)
        self.assertEqual(self.property(feed, "TRIGGER"), ["-P1D", "-PT30M"])
        self.assertEqual(self.alarms(feed), expected)
        invitation = self.export(self.slug, "--attendee", "jane@example.org", "--reminder", "1d",
                                 "--reminder", "30m")
        self.export_check(invitation)
        self.assertEqual(self.alarms(invitation), expected)
        self.assertEqual(self.property(self.export(self.slug), "TRIGGER"), [])

    def test_a_cancellation_has_no_alarm(self):
        self.ok("unregister", self.slug, "jane@example.org")
        cancel = self.export(self.slug, "--attendee", "jane@example.org", "--reminder", "1d")
        self.assertEqual(self.property(cancel, "METHOD"), ["CANCEL"])
        self.assertEqual(self.property(cancel, "TRIGGER"), [])

    def test_a_bad_reminder_is_a_usage_error(self):
        error = self.fails(2, "export-ics", self.slug, "--reminder", "1x")
        self.assertIn("--reminder:", error)
        self.assertIn("1x", error)

    def test_the_configured_reminders_apply_unless_the_flag_is_given(self):
        self.write("convene.toml", ORGANISER_TOML + '\n[defaults]\nreminders = ["2h"]\n')
        self.assertEqual(self.property(self.export(self.slug), "TRIGGER"), ["-PT2H"])
        invitation = self.export(self.slug, "--attendee", "jane@example.org")
        self.assertEqual(self.property(invitation, "TRIGGER"), ["-PT2H"])
        self.assertEqual(self.property(self.export(self.slug, "--reminder", "1d"), "TRIGGER"),
                         ["-P1D"])
        self.write("convene.toml", ORGANISER_TOML + '\n[defaults]\nreminders = ["soon"]\n')
        self.assertIn("defaults.reminders", self.fails(5, "export-ics", self.slug))

    def export_check(self, data):
        [(uid, start, end)] = ics_check.check_bytes(data)
        self.check(data, [(uid, start, end)])
