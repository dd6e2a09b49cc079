"""convene stats: seats, waiting, cancelled, checked in, attended (from a meeting's report) and
the registered per language, organisation and reply to the invitation, on a known event, in
table, csv and json."""
import csv
import io
import json
import unittest

from harness import ConveneTestCase
from ics_testing import reply_ics

PEOPLE = [  # email, language, organisation
    ("a@example.org", "fr", "CGLU"),
    ("b@example.org", "fr", "Metropolis"),
    ("c@example.org", "en", "CGLU"),
    ("d@example.org", "", ""),
    ("e@example.org", "es", "CGLU"),
    ("f@example.org", "en", ""),  # waits, then takes d's seat
]


class StatsTest(ConveneTestCase):
    def setUp(self):
        super().setUp()
        _, self.event = self.create_briefing("--capacity", "5")
        for email, language, organisation in PEOPLE:
            args = ["register", self.event, "--name", email[0], "--email", email]
            if language:
                args += ["--language", language]
            if organisation:
                args += ["--organisation", organisation]
            self.ok(*args)
        self.ok("register", self.event, "--name", "G", "--email", "g@example.org")  # waits
        self.uid = json.loads(self.ok("show", self.event, "--format", "json"))["uid"]
        for email, partstat in [("a@example.org", "ACCEPTED"), ("b@example.org", "DECLINED"),
                                ("c@example.org", "TENTATIVE"), ("d@example.org", "ACCEPTED")]:
            self.ok("rsvp", self.event, input=reply_ics(self.uid, email, partstat))
        self.ok("unregister", self.event, "d@example.org")  # f moves up; d's reply stops counting
        self.ok("check-in", self.event, "a@example.org")
        self.ok("check-in", self.event, "c@example.org")

    def test_json_counts(self):
        rows = json.loads(self.ok("stats", self.event, "--format", "json"))
        figures = [(r["figure"], r["value"], r["count"]) for r in rows]
        self.assertEqual(figures, [
            ("capacity", None, 5), ("taken", None, 5), ("free", None, 0), ("waiting", None, 1),
            ("cancelled", None, 1), ("checked_in", None, 2), ("attended", None, 0),
            ("language", "en", 2), ("language", "fr", 2), ("language", "es", 1),
            ("organisation", "CGLU", 3), ("organisation", None, 1),
            ("organisation", "Metropolis", 1),
            ("reply", "accepted", 1), ("reply", "declined", 1), ("reply", "tentative", 1),
            ("reply", "none", 2)])

    def test_replies_add_up_to_the_seats_taken(self):
        """e and f have not answered; g waits (never invited) and d left: neither counts. A
        delegated answer gets its row only when someone gave one."""
        self.ok("rsvp", self.event, input=reply_ics(self.uid, "e@example.org", "DELEGATED"))
        rows = json.loads(self.ok("stats", self.event, "--format", "json"))
        replies = {r["value"]: r["count"] for r in rows if r["figure"] == "reply"}
        self.assertEqual(replies, {"accepted": 1, "declined": 1, "tentative": 1, "delegated": 1,
                                   "none": 1})
        taken = next(r["count"] for r in rows if r["figure"] == "taken")
        self.assertEqual(sum(replies.values()), taken)
        tsv = self.ok("stats", self.event, "--format", "tsv").splitlines()
        self.assertIn("reply\tdelegated\t1", tsv)
        self.assertEqual(tsv[-1], "reply\tnone\t1")

    def test_csv_and_unlimited_capacity(self):
        self.ok("update-event", self.event, "--no-capacity")
        rows = list(csv.reader(io.StringIO(self.ok("stats", self.event, "--format", "csv"),
                                           newline="")))
        self.assertEqual(rows[0], ["figure", "value", "count"])
        self.assertEqual(rows[1:5], [["capacity", "", ""], ["taken", "", "6"], ["free", "", ""],
                                     ["waiting", "", "0"]])

    def test_table_for_people(self):
        lines = self.ok("stats", self.event, "--format", "table").splitlines()
        self.assertTrue(lines[0].startswith("figure"))
        self.assertRegex(lines[2], r"^capacity\s+5$")

    def test_no_header_leaves_the_rows_alone(self):
        for fmt in ("csv", "tsv", "table"):
            with self.subTest(format=fmt):
                whole = self.ok("stats", self.event, "--format", fmt).splitlines()
                rows = self.ok("stats", self.event, "--format", fmt, "--no-header").splitlines()
                skipped = 2 if fmt == "table" else 1  # a table's header has a rule under it
                self.assertTrue(whole[0].startswith("figure"))
                if fmt != "table":
                    self.assertEqual(rows, whole[skipped:])
                self.assertEqual(len(rows), 17)
                self.assertFalse(any(line.startswith("figure") for line in rows))
                self.assertRegex(rows[0], r"^capacity\W+5$")

    def test_unknown_event(self):
        self.fails(3, "stats", "no-such-event")


if __name__ == "__main__":
    unittest.main()
