"""The validators must accept good files, reject bad ones, and agree on convene's own output.

Run by ctest with ICAL_CHECK (the libical checker) and ICS_SAMPLE (a calendar written by
convene's writer) in the environment.
"""
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
sys.path.insert(0, str(HERE))
import ics_check  # noqa: E402

ICAL_CHECK = os.environ["ICAL_CHECK"]
ICS_SAMPLE = os.environ["ICS_SAMPLE"]

GOOD_PUBLISH = [
    ("good-timed@convene.test", "2025-03-30T00:30:00Z", "2025-03-30T01:30:00Z"),
    ("good-all-day@convene.test", "2022-04-11", "2022-04-12"),
]
SAMPLE = [
    ("paris-spring@convene.test", "2025-03-30T00:30:00Z", "2025-03-30T01:30:00Z"),
    ("paris-autumn@convene.test", "2025-10-25T22:00:00Z", "2025-10-26T09:00:00Z"),
    ("auckland-april@convene.test", "2025-04-05T12:00:00Z", "2025-04-06T00:00:00Z"),
    ("auckland-september@convene.test", "2025-09-27T20:00:00Z", "2025-09-27T21:00:00Z"),
    ("tokyo@convene.test", "2025-06-01T01:00:00Z", "2025-06-01T02:00:00Z"),
    ("utc@convene.test", "2022-04-13T13:00:00Z", "2022-04-13T14:00:00Z"),
    ("all-day@convene.test", "2022-04-11", "2022-04-12"),
]


def run(command):
    return subprocess.run(command, capture_output=True, text=True, check=False)


def ical_check(path):
    return run([ICAL_CHECK, str(path)])


def py_check(path):
    return run([sys.executable, str(HERE / "ics_check.py"), str(path)])


def lines_of(stdout):
    return [tuple(line.split("\t")) for line in stdout.splitlines()]


class GoodFiles(unittest.TestCase):
    def assert_both_accept(self, path, expected):
        for name, result in (("ical_check", ical_check(path)), ("ics_check.py", py_check(path))):
            with self.subTest(validator=name):
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stderr, "")
                self.assertEqual(lines_of(result.stdout), expected)

    def test_publish_fixture_with_rrule_vtimezone(self):
        self.assert_both_accept(FIXTURES / "good-publish.ics", GOOD_PUBLISH)
        self.assertEqual(ics_check.check_file(FIXTURES / "good-publish.ics"), GOOD_PUBLISH)

    def test_request_fixture_passes_itip_restrictions(self):
        self.assert_both_accept(FIXTURES / "good-request.ics",
                                [("good-request@convene.test", "2022-04-13T13:00:00Z", "2022-04-13T14:00:00Z")])

    def test_convene_writer_output_gives_the_right_instants_in_both_parsers(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "sample.ics"
            written = subprocess.run([ICS_SAMPLE], capture_output=True, check=True)
            path.write_bytes(written.stdout)
            self.assert_both_accept(path, SAMPLE)


class BadFiles(unittest.TestCase):
    def assert_rejected(self, result, message):
        self.assertNotEqual(result.returncode, 0, result.stdout)
        self.assertIn(message, result.stderr)

    def test_lf_endings(self):
        self.assert_rejected(py_check(FIXTURES / "bad-lf-endings.ics"), "bare LF")

    def test_unfolded_line(self):
        self.assert_rejected(py_check(FIXTURES / "bad-unfolded-line.ics"), "100 octets, more than 75")

    def test_fold_inside_utf8_sequence(self):
        self.assert_rejected(py_check(FIXTURES / "bad-split-utf8.ics"), "line 26: a fold splits a UTF-8 sequence")

    def test_tzid_without_vtimezone(self):
        message = "TZID=Europe/Paris on DTSTART has no VTIMEZONE"
        self.assert_rejected(py_check(FIXTURES / "bad-missing-vtimezone.ics"), message)
        self.assert_rejected(ical_check(FIXTURES / "bad-missing-vtimezone.ics"), message)

    def test_request_without_organizer(self):
        self.assert_rejected(ical_check(FIXTURES / "bad-request-no-organizer.ics"), "X-LIC-ERROR")

    def test_vtimezone_that_disagrees_with_the_tz_database(self):
        good = (FIXTURES / "good-publish.ics").read_bytes()
        wrong = good.replace(b"TZOFFSETTO:+0200", b"TZOFFSETTO:+0300")
        with self.assertRaises(ics_check.IcsCheckError) as caught:
            ics_check.check_bytes(wrong)
        self.assertIn("by the file's VTIMEZONE but", str(caught.exception))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "wrong.ics"
            path.write_bytes(wrong)
            result = ical_check(path)
            self.assertEqual(result.returncode, 0, result.stderr)  # libical trusts the file...
            self.assertNotEqual(lines_of(result.stdout), GOOD_PUBLISH)  # ...and so moves the event

    def test_byte_rules(self):
        good = (FIXTURES / "good-publish.ics").read_bytes()
        cases = {
            b"\xef\xbb\xbf" + good: "byte order mark",
            good[:-2]: "does not end in CRLF",
            good.replace(b"VERSION:2.0\r\n", b"VERSION:2.0\r\n\r\n"): "blank line",
            good.replace(b"VERSION:2.0\r\n", b"VERSION:2.0\r"): "bare CR",
            good.replace(b"SUMMARY:All day", b"SUMMARY:All\xff day"): "invalid UTF-8 at column 12",
            good.replace(b"SUMMARY:All day", b"SUMMARY:All\x01day"): "control characters U+0001",
        }
        for data, message in cases.items():
            with self.subTest(message=message):
                self.assertTrue(any(message in problem for problem in ics_check.byte_problems(data)),
                                ics_check.byte_problems(data))
        self.assertEqual(ics_check.byte_problems(good), [])


if __name__ == "__main__":
    unittest.main()
