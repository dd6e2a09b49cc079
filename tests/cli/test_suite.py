"""The test suite can fail: every TEST_CASE of tests/unit is one ctest entry that runs, an entry
that matches no test case fails, and an end-to-end test that could not run makes its entry
skipped, never passed (run_tests.py). These tests read ctest's own list of entries."""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
from unittest import mock

import ics_testing
from harness import SOURCE_DIR

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD_DIR = os.environ.get("CONVENE_BUILD_DIR", "")
CTEST = os.environ.get("CONVENE_CTEST", "")

# TEST_CASE( followed by one or more adjacent string literals (a long name is split in two),
# then its tags if any.
TEST_CASE = re.compile(
    r'^[ \t]*TEST_CASE\s*\(\s*((?:"(?:[^"\\\n]|\\.)*"\s*)+)(?:,\s*"([^"]*)")?', re.M)
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def unit_case_names():
    """The name of every TEST_CASE in tests/unit/*.cpp, as Catch2 reads it, but hidden ones (a
    tag "[.…]": they need a server, and an end-to-end test that starts one runs them)."""
    names = []
    for path in sorted(glob.glob(os.path.join(SOURCE_DIR, "tests", "unit", "*.cpp"))):
        with open(path, encoding="utf-8") as f:
            source = f.read()
        for match in TEST_CASE.finditer(source):
            if "[." in (match.group(2) or "") or "[!hide]" in (match.group(2) or ""):
                continue
            literals = LITERAL.findall(match.group(1))
            names.append("".join(re.sub(r"\\(.)", r"\1", literal) for literal in literals))
    return names


def ctest_entries():
    result = subprocess.run([CTEST, "--show-only=json-v1"], cwd=BUILD_DIR, capture_output=True,
                            text=True, timeout=120, check=True)
    return json.loads(result.stdout)["tests"]


def properties(entry):
    return {p["name"]: p["value"] for p in entry.get("properties", [])}


class CtestEntries(unittest.TestCase):
    def setUp(self):
        if not BUILD_DIR or not CTEST:
            self.skipTest("CONVENE_BUILD_DIR or CONVENE_CTEST is not set (run through ctest)")
        self.entries = ctest_entries()

    def unit_entries(self):
        return [e for e in self.entries if e["name"].startswith("unit:")]

    def test_every_test_case_is_one_entry(self):
        names = unit_case_names()
        entries = [e["name"][len("unit:"):] for e in self.unit_entries()]
        self.assertGreater(len(names), 300)
        self.assertEqual(len(entries), len(names), "TEST_CASEs in tests/unit and `unit:` entries")
        self.assertEqual(sorted(entries), sorted(names))
        # Catch2 matches a name without regard to case: two such names would run together.
        self.assertEqual(len({n.lower() for n in names}), len(names), "names equal but for case")

    def test_an_entry_that_matches_no_test_case_fails(self):
        entry = self.unit_entries()[0]
        command = entry["command"]
        self.assertIn("--warn", command)
        self.assertEqual(command[command.index("--warn") + 1], "NoTests")
        self.assertEqual(re.sub(r"\\([,\[\]])", r"\1", command[1]), entry["name"][len("unit:"):])
        stray = [command[0], "no test case has this name", *command[2:]]
        result = subprocess.run(stray, capture_output=True, text=True, timeout=120)
        self.assertNotEqual(result.returncode, 0, result.stdout)
        ran = subprocess.run(command, capture_output=True, text=True, timeout=120)
        self.assertEqual(ran.returncode, 0, ran.stdout)
        self.assertIn("1 test case", ran.stdout)

    def test_every_cli_file_is_an_entry_that_reports_skips(self):
        files = {os.path.basename(p)[:-3] for p in glob.glob(os.path.join(HERE, "test_*.py"))}
        # A file may run in shards: "cli: test_model 0/3".
        cli = {e["name"][len("cli: "):].split(" ")[0]: e for e in self.entries
               if e["name"].startswith("cli: ")}
        self.assertEqual(set(cli), files)
        for entry in self.entries:
            if not entry["name"].startswith(("cli: ", "cli-pg: ")):
                continue
            with self.subTest(entry=entry["name"]):
                self.assertEqual(os.path.basename(entry["command"][1]), "run_tests.py")
                self.assertEqual(properties(entry).get("SKIP_RETURN_CODE"), 77)
        # It reports a failing entry as skipped when the words are in its output.
        self.assertFalse([e["name"] for e in self.entries
                          if "SKIP_REGULAR_EXPRESSION" in properties(e)])


class SkipsAreReported(unittest.TestCase):
    """run_tests.py's exit code for a test file: 0 passed, 1 failed, 77 skipped."""

    def run_probe(self, body):
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "test_probe.py"), "w", encoding="utf-8") as f:
                f.write("import unittest\nimport harness\n"
                        "class Probe(unittest.TestCase):\n" + body)
            env = dict(os.environ, PYTHONPATH=HERE)
            env.pop("CONVENE_TEST_STORE", None)
            return subprocess.run([sys.executable, os.path.join(HERE, "run_tests.py"),
                                   "test_probe"], cwd=folder, env=env, capture_output=True,
                                  text=True, timeout=120)

    PASS = "    def test_pass(self):\n        pass\n"
    MISSING = ("    def test_missing(self):\n"
               "        self.skipTest('frobnicate is not installed')\n")

    def test_all_passed(self):
        self.assertEqual(self.run_probe(self.PASS).returncode, 0)

    def test_a_skip_makes_the_file_skipped(self):
        result = self.run_probe(self.PASS + self.MISSING)
        self.assertEqual(result.returncode, 77, result.stderr)
        self.assertIn("test_probe.Probe.test_missing: frobnicate is not installed", result.stderr)

    def test_a_failure_wins_over_a_skip(self):
        failing = "    def test_fail(self):\n        self.fail('no')\n"
        self.assertEqual(self.run_probe(failing + self.MISSING).returncode, 1)

    def test_no_test_at_all_fails(self):
        self.assertEqual(self.run_probe("    pass\n").returncode, 1)

    def test_a_test_another_entry_runs_is_not_a_skip(self):
        for reason in ("harness.SQLITE_ONLY", "harness.NOT_UNDER_SANITIZERS"):
            with self.subTest(reason=reason):
                body = (f"    @unittest.skip({reason} + 'elsewhere')\n"
                        "    def test_elsewhere(self):\n        pass\n")
                self.assertEqual(self.run_probe(self.PASS + body).returncode, 0)


class GoldenFiles(unittest.TestCase):
    """CONVENE_UPDATE_GOLDEN=1 alone rewrites golden files; 0 compares like no value at all."""

    def compare(self, value, golden, data):
        with tempfile.TemporaryDirectory() as folder, \
                mock.patch.object(ics_testing, "GOLDEN_DIR", folder), \
                mock.patch.dict(os.environ, {"CONVENE_UPDATE_GOLDEN": value}):
            path = os.path.join(folder, "x.ics")
            with open(path, "wb") as f:
                f.write(golden)
            case = ics_testing.ExportTestCase("compare_golden")
            try:
                case.compare_golden("x.ics", data, [])
                failed = None
            except Exception as error:  # noqa: BLE001  (which kind is what is tested)
                failed = error
            with open(path, "rb") as f:
                return failed, f.read()

    def test_zero_or_nothing_compares_and_keeps_the_file(self):
        for value in ("0", ""):
            with self.subTest(value=value):
                failed, kept = self.compare(value, b"GOLDEN\r\n", b"OTHER\r\n")
                self.assertIsInstance(failed, AssertionError)
                self.assertEqual(kept, b"GOLDEN\r\n")

    def test_any_other_value_is_refused_not_taken_for_yes(self):
        for value in ("yes", "true", "2"):
            with self.subTest(value=value):
                failed, kept = self.compare(value, b"GOLDEN\r\n", b"OTHER\r\n")
                self.assertIsInstance(failed, ValueError)
                self.assertIn("CONVENE_UPDATE_GOLDEN", str(failed))
                self.assertEqual(kept, b"GOLDEN\r\n")


if __name__ == "__main__":
    unittest.main()
