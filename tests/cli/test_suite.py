"""The test suite can fail: every TEST_CASE of tests/unit is one ctest entry that runs, and an
entry that matches no test case fails. These tests read ctest's own list of entries."""
import glob
import json
import os
import re
import subprocess
import unittest

from harness import SOURCE_DIR

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD_DIR = os.environ.get("CONVENE_BUILD_DIR", "")
CTEST = os.environ.get("CONVENE_CTEST", "")

# TEST_CASE( followed by one or more adjacent string literals (a long name is split in two).
TEST_CASE = re.compile(r'^[ \t]*TEST_CASE\s*\(\s*((?:"(?:[^"\\\n]|\\.)*"\s*)+)', re.M)
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def unit_case_names():
    """The name of every TEST_CASE in tests/unit/*.cpp, as Catch2 reads it."""
    names = []
    for path in sorted(glob.glob(os.path.join(SOURCE_DIR, "tests", "unit", "*.cpp"))):
        with open(path, encoding="utf-8") as f:
            source = f.read()
        for match in TEST_CASE.finditer(source):
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


if __name__ == "__main__":
    unittest.main()
