"""The platform exports of tests/fixtures/platforms hold together: each cites where its shape
comes from, its table has as many fields on every line as in its header, and it comes out in the
encoding, byte order mark and line ends its platform writes."""
import csv
import io
import os
import unittest

from platform_fixtures import PLATFORM_FIXTURES, platform_bytes, platform_fixture

# Attendance reports hold sections, not one table: checked apart.
SECTIONED = {"zoom-participants.csv", "teams-attendance.csv"}


def fixtures():
    return sorted(n for n in os.listdir(PLATFORM_FIXTURES) if n.endswith(".csv"))


class PlatformFixtureTest(unittest.TestCase):
    def test_every_fixture_cites_its_sources(self):
        for name in fixtures():
            with self.subTest(name), open(os.path.join(PLATFORM_FIXTURES, name),
                                          encoding="utf-8") as f:
                comments = [line for line in f if line.startswith("# ")]
                cited = any("http" in c or "github.com" in c for c in comments)
                # A platform whose export no source found documents says so instead.
                self.assertTrue(cited or any("Not found documented" in c for c in comments), name)
                self.assertTrue(any(c.startswith("# encoding: ") for c in comments), name)

    def test_every_table_is_rectangular(self):
        for name in fixtures():
            if name in SECTIONED:
                continue
            with self.subTest(name):
                text, _ = platform_fixture(name)
                delimiter = ";" if text.split("\n", 1)[0].count(";") > 1 else ","
                rows = [r for r in csv.reader(io.StringIO(text), delimiter=delimiter) if r]
                self.assertGreater(len(rows), 3)
                self.assertEqual({len(r) for r in rows}, {len(rows[0])})

    def test_encodings_and_line_ends_are_the_platforms(self):
        teams = platform_bytes("teams-attendance.csv")
        self.assertTrue(teams.startswith(b"\xff\xfe1\x00.\x00 \x00S\x00"))
        self.assertIn("2. Participants\r\nName\tFirst Join".encode("utf-16-le"), teams)
        indico = platform_bytes("indico-registrants.csv")
        self.assertTrue(indico.startswith(b"\xef\xbb\xbfID,Name,"))
        self.assertIn(b"\r\n", indico)
        forms = platform_bytes("microsoft-forms-fr-excel.csv")
        self.assertIn("Léa Dupont;;Cœur d’Arles".encode("cp1252"), forms)
        self.assertNotIn(b"\xc3", forms)  # no UTF-8 left
        self.assertNotIn(b"\r", platform_bytes("eventbrite-attendees.csv"))

    def test_the_zoom_report_has_its_meeting_block_then_the_participants(self):
        text, _ = platform_fixture("zoom-participants.csv")
        block, participants = text.split("\n\n", 1)
        self.assertTrue(block.startswith("Topic,Meeting ID,"))
        self.assertTrue(participants.startswith("Name (Original Name),User Email,Join Time"))


if __name__ == "__main__":
    unittest.main()
