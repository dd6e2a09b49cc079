"""Register, unregister, register again, with invitations written as files (export-ics
--attendee, no ledger): libical's icalclassify must never rate the next message OBSOLETE
against the one the person's calendar holds (issue 25). Run by ctest with CONVENE_BIN and
ICAL_CLASSIFY in the environment."""
import os
import subprocess
import tempfile
import unittest

CONVENE = os.environ["CONVENE_BIN"]
ICAL_CLASSIFY = os.environ["ICAL_CLASSIFY"]
PERSON = "ana@ejemplo.es"


class ReRegistration(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory(prefix="convene-ics-")
        self.env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.folder.name,
                    "XDG_CONFIG_HOME": self.folder.name, "SOURCE_DATE_EPOCH": "1700000000",
                    "LC_ALL": "C.UTF-8", "TZ": "UTC"}
        with open(os.path.join(self.folder.name, "convene.toml"), "w") as config:
            config.write('[organiser]\nname = "Events"\nemail = "events@example.org"\n')

    def tearDown(self):
        self.folder.cleanup()

    def convene(self, *args):
        result = subprocess.run([CONVENE, *args], capture_output=True, text=True, env=self.env,
                                cwd=self.folder.name, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout

    def invitation(self, name):
        path = os.path.join(self.folder.name, name)
        with open(path, "w", newline="") as f:
            f.write(self.convene("export-ics", "b", "--attendee", PERSON))
        return path

    def classify(self, incoming, held):
        result = subprocess.run([ICAL_CLASSIFY, incoming, held, "mailto:" + PERSON],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.strip()

    def test_each_message_is_newer_than_the_one_held(self):
        self.convene("create-event", "--title", "Briefing", "--slug", "b", "--start",
                     "2030-04-13T15:00", "--end", "16:00", "--tz", "Europe/Paris")
        self.convene("register", "b", "--name", "Ana", "--email", PERSON)
        request = self.invitation("request.ics")
        self.convene("unregister", "b", PERSON)
        cancel = self.invitation("cancel.ics")
        self.convene("register", "b", "--name", "Ana", "--email", PERSON)
        again = self.invitation("again.ics")
        self.assertEqual(self.classify(cancel, request), "CANCEL-EVENT")
        self.assertNotEqual(self.classify(again, cancel), "OBSOLETE")
        # The same invitation written again is the same message, not a newer one.
        self.assertEqual(open(self.invitation("again-2.ics")).read(), open(again).read())
        # What the bug gave: a REQUEST at SEQUENCE 0 after the CANCEL at 1 is rated OBSOLETE,
        # so the check above can fail.
        with open(again) as f:
            stale = f.read().replace("SEQUENCE:2", "SEQUENCE:0")
        stale_path = os.path.join(self.folder.name, "stale.ics")
        with open(stale_path, "w", newline="") as f:
            f.write(stale)
        self.assertEqual(self.classify(stale_path, cancel), "OBSOLETE")


if __name__ == "__main__":
    unittest.main()
