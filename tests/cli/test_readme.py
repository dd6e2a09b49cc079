"""The README runs as written: every shell block in it, in order, in one shell, from a stand-in
for the top of the repository with convene built, exits 0. A shell block that is not meant to
run says so on the line before it: <!-- not run by tests/cli/test_readme.py: REASON -->."""
import os
import re
import shutil
import subprocess
import unittest

from harness import BIN, SOURCE_DIR, ConveneTestCase

SKIP_MARK = re.compile(r"<!-- not run by tests/cli/test_readme\.py: \S.* -->")


def readme_blocks():
    """[(language, preceding line, body)] for every fenced code block of README.md."""
    with open(os.path.join(SOURCE_DIR, "README.md"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    blocks = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("```"):
            language = lines[i][3:].strip()
            before = lines[i - 1] if i > 0 else ""
            end = lines.index("```", i + 1)
            blocks.append((language, before, "\n".join(lines[i + 1:end]) + "\n"))
            i = end + 1
        else:
            i += 1
    return blocks


def runnable_blocks():
    return [body for language, before, body in readme_blocks()
            if language in ("sh", "bash", "shell") and not SKIP_MARK.fullmatch(before)]


class ReadmeTest(ConveneTestCase):
    def test_every_block_is_run_or_says_why_not(self):
        blocks = readme_blocks()
        self.assertGreaterEqual(len(runnable_blocks()), 3)
        for language, before, body in blocks:
            if SKIP_MARK.fullmatch(before):
                self.assertEqual(language, "sh", f"a mark before a block that is not sh:\n{body}")

    @unittest.skipUnless(shutil.which("mlr"), "Miller (mlr) is not installed")
    def test_the_readme_runs_as_written(self):
        # The top of a checkout where scripts/run-example has built convene: examples/ and
        # build/release/convene, the binary under test.
        repo = self.path("convene")
        os.makedirs(os.path.join(repo, "build", "release"))
        os.symlink(BIN, os.path.join(repo, "build", "release", "convene"))
        os.symlink(os.path.join(os.path.abspath(SOURCE_DIR), "examples"),
                   os.path.join(repo, "examples"))
        os.makedirs(self.path("tmp"))
        env = dict(self.env, TMPDIR=self.path("tmp"))
        script = "".join(runnable_blocks())
        result = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=repo, env=env,
                                capture_output=True, text=True, timeout=300)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotRegex(result.stderr, r"convene: (error|warning|hint):")
        self.assertIn("13 avril 2022, 13 h 00 – 14 h 00 (temps universel coordonné)",
                      result.stdout)
        self.assertIn('"name": "Müller, Jörg"', result.stdout)  # through Miller
        # Everything happened in the one new folder: nothing in the checkout.
        self.assertEqual(sorted(os.listdir(repo)), ["build", "examples"])
        [folder] = os.listdir(self.path("tmp"))
        made = self.path("tmp", folder)
        self.assertTrue(os.path.exists(os.path.join(made, "convene.toml")))
        self.assertTrue(os.path.exists(os.path.join(made, "convene.db")))
        self.assertTrue(os.path.exists(os.path.join(made, "briefing.ics")))
        self.assertTrue(os.path.exists(os.path.join(made, "page.html")))
        self.assertTrue(os.path.exists(os.path.join(made, "page.ics")))
        with open(os.path.join(SOURCE_DIR, "examples", "people.csv"), encoding="utf-8") as f:
            people = len(f.read().splitlines()) - 1
        self.assertEqual(len(os.listdir(os.path.join(made, "out"))), people)


if __name__ == "__main__":
    unittest.main()
