"""Start-up does not load the time zone database unless the command uses a zone.

Loading it means a stat of every file under /usr/share/zoneinfo (some 600 on Debian), on every
start of a process that an organiser's script may run once per form submission. The file
system calls are counted with strace; a command that does use a zone shows that the count
would see the load.
"""
import os
import shutil
import subprocess
import unittest

from harness import BIN, ConveneTestCase


@unittest.skipIf(shutil.which("strace") is None, "strace is not installed")
class StartupTest(ConveneTestCase):
    def zoneinfo_lookups(self, *args):
        trace = self.path("trace.txt")
        # LeakSanitizer cannot work under ptrace: a sanitize build would fail on it, not on us.
        env = dict(self.env, ASAN_OPTIONS="detect_leaks=0")
        proc = subprocess.run(["strace", "-f", "-qq", "-e", "trace=%file", "-o", trace, BIN, *args],
                              capture_output=True, env=env, cwd=self.dir, timeout=120)
        if proc.returncode != 0 and not os.path.exists(trace):
            self.skipTest(f"strace cannot trace here: {proc.stderr.decode(errors='replace')}")
        self.assertEqual(proc.returncode, 0, proc.stderr.decode(errors="replace"))
        with open(trace, encoding="utf-8", errors="replace") as f:
            return sum("zoneinfo" in line for line in f)

    def test_commands_without_a_zone_do_not_load_the_zone_database(self):
        self.ok("create-event", "--title", "Day", "--slug", "day", "--date", "2024-01-01")
        self.assertLessEqual(self.zoneinfo_lookups("--help"), 2)
        self.assertLessEqual(self.zoneinfo_lookups("list", "events"), 2)
        self.assertLessEqual(self.zoneinfo_lookups("register", "day", "--name", "Ana",
                                                   "--email", "ana@example.org"), 2)
        self.assertLessEqual(self.zoneinfo_lookups("list", "attendees", "day"), 2)

    def test_a_command_with_a_zone_loads_it(self):
        lookups = self.zoneinfo_lookups("create-event", "--title", "Talk", "--slug", "talk",
                                        "--start", "2024-01-01T10:00", "--end", "11:00",
                                        "--tz", "Europe/Paris")
        self.assertGreater(lookups, 50)


if __name__ == "__main__":
    unittest.main()
