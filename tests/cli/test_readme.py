"""The README's tour runs as written: its shell block, with convene on PATH, exits 0."""
import os
import re
import shutil
import subprocess
import unittest

from harness import BIN, SOURCE_DIR, ConveneTestCase


def tour_script():
    with open(os.path.join(SOURCE_DIR, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    match = re.search(r"## A tour\n\n```sh\n(.*?)```", readme, re.S)
    return match.group(1) if match else None


class ReadmeTour(ConveneTestCase):
    @unittest.skipUnless(shutil.which("mlr"), "Miller (mlr) is not installed")
    def test_the_tour_runs(self):
        script = tour_script()
        self.assertIsNotNone(script, "README.md has no '## A tour' shell block")
        os.makedirs(self.path("bin"))
        os.symlink(BIN, self.path("bin", "convene"))
        self.write("convene.toml",
                   '[organiser]\nname = "Mayors Mechanism"\nemail = "events@example.org"\n')
        self.write("people.csv", "name,email,organisation\r\n"
                                 "Jane Doe,jane@example.org,Ville de Paris\r\n"
                                 "\"Müller, Jörg\",jorg@example.de,\"Stadt \"\"Köln\"\"\"\r\n")
        env = dict(self.env, PATH=self.path("bin") + os.pathsep + self.env.get("PATH", ""))
        result = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=self.dir, env=env,
                                capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("13 avril 2022, 13 h 00 – 14 h 00 (temps universel coordonné)",
                      result.stdout)
        self.assertTrue(os.path.exists(self.path("page.ics")))
        self.assertIn('"name": "Müller, Jörg"', result.stdout)  # through Miller
        self.assertTrue(os.path.exists(self.path("briefing.ics")))
        self.assertEqual(len(os.listdir(self.path("out"))), 2)


if __name__ == "__main__":
    unittest.main()
