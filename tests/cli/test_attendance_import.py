"""convene check-in EVENT --from REPORT (issue 27, point 6): Zoom's participants report and
Teams' attendance report of the seed briefing (tests/fixtures/platforms), matched to the
registrations by e-mail, then by name; repeated joins summed; a guest matched by name; the host
and people who did not register listed, never added; --min-duration; a report of another
meeting refused with nothing written; the time in list attendees, stats and db copy."""
import json
import unittest

from harness import ConveneTestCase
from platform_fixtures import write_platform_file

PEOPLE = [  # name, email: the people of the platform fixtures who registered
    ("Léa Dupont", "lea.dupont@example.org"),
    ("José Núñez", "jose.nunez@example.es"),
    ("María José García Peña", "mj.garcia@example.es"),
    ("Hélène Lefèvre", "helene.lefevre@example.fr"),
]

ZOOM_ROWS = [  # attendance, name, email, minutes
    ["attended", "Léa Dupont", "lea.dupont@example.org", 64],
    ["attended", "José Núñez", "jose.nunez@example.es", 57],  # two stays: 21 + 36
    ["attended", "Hélène Lefèvre", "helene.lefevre@example.fr", 35],  # a guest, by her name
    ["absent", "María José García Peña", "mj.garcia@example.es", None],
    ["unregistered", "Amélie Roux - interprète FR", "amelie.roux@example.com", 67],
    ["unregistered", "iPhone de Marc", None, 3],
    ["host", "Mayors Mechanism", "events@example.org", 74],
]


class AttendanceImportTest(ConveneTestCase):
    def setUp(self):
        super().setUp()
        _, self.event = self.create_briefing()
        for name, email in PEOPLE:
            self.ok("register", self.event, "--name", name, "--email", email)
        # Cancelled: her registration is none, and she is not in the reports.
        self.ok("register", self.event, "--name", "Zoë O'Brien", "--email", "zoe@example.org")
        self.ok("unregister", self.event, "zoe@example.org")
        self.zoom = write_platform_file(self.dir, "zoom-participants.csv")
        self.teams = write_platform_file(self.dir, "teams-attendance.csv")

    def rows(self, *args):
        result = self.run_convene("check-in", self.event, *args, "--format", "json")
        self.assertEqual(result.code, 0, result.stderr)
        self.stderr = result.stderr
        return [[r["attendance"], r["name"], r["email"], r["minutes"]]
                for r in json.loads(result.stdout)]

    def attendees(self, *args):
        return [[r["email"], r["checked_in_at"], r["attended_minutes"]]
                for r in json.loads(self.ok(*args, "list", "attendees", self.event, "--fields",
                                            "email,checked_in_at,attended_minutes",
                                            "--format", "json"))]

    def stats(self):
        return {r["figure"]: r["count"]
                for r in json.loads(self.ok("stats", self.event, "--format", "json"))}

    def test_zoom_report(self):
        self.assertEqual(self.rows("--from", self.zoom), ZOOM_ROWS)
        self.assertIn("imrf-briefing: 3 attended of 4 registered; 2 came without registering "
                      "(not added); 3 checked in now", self.stderr)
        # Checked in when they first joined (the report's times are the event's zone).
        self.assertEqual(self.attendees(), [
            ["lea.dupont@example.org", "2022-04-13T12:58:02Z", 64],
            ["jose.nunez@example.es", "2022-04-13T13:01:30Z", 57],
            ["mj.garcia@example.es", None, None],
            ["helene.lefevre@example.fr", "2022-04-13T13:05:12Z", 35],
            ["zoe@example.org", None, None],
        ])
        # Every format: whole minutes, empty (null) when no report showed the person.
        fields = ["list", "attendees", self.event, "--fields", "email,attended_minutes",
                  "--format"]
        self.assertIn("jose.nunez@example.es,57\r\nmj.garcia@example.es,\r\n",
                      self.ok(*fields, "csv"))
        self.assertIn("jose.nunez@example.es\t57\nmj.garcia@example.es\t\n",
                      self.ok(*fields, "tsv"))
        self.assertRegex(self.ok(*fields, "table"), r"jose.nunez@example.es\s+57\n")
        self.assertEqual(json.loads(self.ok(*fields, "jsonl").splitlines()[2]),
                         {"email": "mj.garcia@example.es", "attended_minutes": None})
        stats = self.stats()
        self.assertEqual((stats["checked_in"], stats["attended"]), (3, 3))
        # Nobody added: the unregistered and the host stay out.
        listed = json.loads(self.ok("list", "attendees", self.event, "--format", "json"))
        self.assertEqual(len(listed), 5)
        # Again: the same lists, nobody checked in twice; "0" is the default said aloud.
        self.assertEqual(self.rows("--from", self.zoom, "--min-duration", "0"), ZOOM_ROWS)
        self.assertIn("0 checked in now", self.stderr)

    def test_teams_report_with_a_minimum(self):
        rows = self.rows("--from", self.teams, "--min-duration", "40m")
        self.assertEqual(rows, [
            ["attended", "Léa Dupont", "lea.dupont@example.org", 63],
            ["attended", "José Núñez", "jose.nunez@example.es", 56],  # 55m56s, summed by Teams
            ["too_short", "Hélène Lefèvre", "helene.lefevre@example.fr", 35],  # 34m48s
            ["absent", "María José García Peña", "mj.garcia@example.es", None],
            ["unregistered", "Amélie Roux", "amelie.roux@example.com", 66],
            ["unregistered", "+33 1 23 45 67 89", None, 3],
            ["host", "Mayors Mechanism", "events@example.org", 69],
        ])
        self.assertIn("2 attended of 4 registered, 1 too briefly", self.stderr)
        # Her time is kept, her check-in is not made.
        self.assertEqual(self.attendees()[3], ["helene.lefevre@example.fr", None, 35])
        self.assertEqual(self.stats()["attended"], 2)

    def test_earlier_check_in_kept_and_table_output(self):
        self.ok("check-in", self.event, "lea.dupont@example.org")  # at the door: SOURCE_DATE_EPOCH
        table = self.ok("check-in", self.event, "--from", self.zoom, "--format", "table")
        self.assertRegex(table.splitlines()[0], r"^attendance\s+name\s+email\s+minutes$")
        self.assertRegex(table, r"host\s+Mayors Mechanism\s+events@example.org\s+74")
        self.assertEqual(self.attendees()[0],
                         ["lea.dupont@example.org", "2023-11-14T22:13:20Z", 64])
        stats = self.stats()
        self.assertEqual((stats["checked_in"], stats["attended"]), (3, 3))

    def test_manual_check_in_is_not_attended_online(self):
        self.ok("check-in", self.event, "mj.garcia@example.es")
        stats = self.stats()
        self.assertEqual((stats["checked_in"], stats["attended"]), (1, 0))

    def test_report_zone(self):
        # Exported by an account in New York: 02:58 PM there is 18:58 UTC, the same day in Paris.
        self.rows("--from", self.zoom, "--report-zone", "America/New_York")
        self.assertEqual(self.attendees()[0][1], "2022-04-13T18:58:02Z")

    def test_dry_run_writes_nothing(self):
        self.assertEqual(self.rows("--from", self.zoom, "--dry-run"), ZOOM_ROWS)
        self.assertIn("dry run: 3 would be checked in, nothing written", self.stderr)
        self.assertTrue(all(row[1:] == [None, None] for row in self.attendees()))

    def test_report_of_another_meeting_is_refused(self):
        self.ok("update-event", self.event, "--start", "2022-04-14T15:00", "--end", "16:00")
        error = self.fails(5, "check-in", self.event, "--from", self.teams)
        self.assertIn("the report's meeting was on 2022-04-13, not during imrf-briefing", error)
        self.assertTrue(all(row[1:] == [None, None] for row in self.attendees()))
        self.assertEqual(self.stats()["checked_in"], 0)

    def test_a_file_that_is_no_report(self):
        other = self.write("people.csv", "name,email\nA,a@example.org\n")
        self.assertIn("people.csv", self.fails(5, "check-in", self.event, "--from", other))

    def test_usage_errors(self):
        for args in (["lea.dupont@example.org", "--from", self.zoom],
                     [],
                     ["--from", self.zoom, "--undo"],
                     ["--from", self.zoom, "--min-duration", "ten"],
                     ["--from", self.zoom, "--min-duration", "-5m"],
                     ["--from", self.zoom, "--report-zone", "Europe/Pariss"],
                     ["lea.dupont@example.org", "--min-duration", "10m"],
                     ["--from", self.path("missing.csv")]):
            with self.subTest(args=args):
                self.fails(2, "check-in", self.event, *args)
        self.assertIn("--min-duration", self.fails(2, "check-in", self.event, "--from", self.zoom,
                                                   "--min-duration", "ten"))
        self.assertEqual(self.stats()["checked_in"], 0)

    def test_db_copy_keeps_the_time(self):
        self.rows("--from", self.zoom)
        copy = self.path("copy.db")
        self.ok("db", "copy", "--to", copy)
        self.assertEqual(self.attendees("--db", copy), self.attendees())
        self.assertEqual(self.check_database(copy).code, 0)


if __name__ == "__main__":
    unittest.main()
