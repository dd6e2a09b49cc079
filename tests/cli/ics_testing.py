"""Shared by the export-ics tests: run the export, read it with both parsers, pin UIDs for
golden files. Every export is checked by ical_check (libical, env ICAL_CHECK, with its iTIP
restriction checks when METHOD is present) and by tests/ics/ics_check.py (byte rules and
python3-icalendar), and both must compute the same UTC instants.
"""
import json
import os
import re
import subprocess
import sys

from harness import SOURCE_DIR, ConveneTestCase, update_golden

sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "ics"))
import ics_check  # noqa: E402,F401  (re-exported for the tests)

ICAL_CHECK = os.environ.get("ICAL_CHECK", "")
GOLDEN_DIR = os.path.join(SOURCE_DIR, "tests", "golden")
SEED_START, SEED_END = "2022-04-13T13:00:00Z", "2022-04-13T14:00:00Z"
SEED_TITLE = ("Séance d'information sur la route vers le Forum d'examen des migrations "
              "internationales (IMRF)")
SEED_DESCRIPTION = (
    "Ce briefing vise à informer des gouvernements locaux et régionaux des opportunités et des "
    "défis liés à l'élévation des voix locales à l'IMRF.\n\n"
    "Il y aura une interprétation en anglais, français et espagnol; questions bienvenues, "
    "« entre pairs » 🤝.")
ORGANISER_TOML = '[organiser]\nname = "Mayors Mechanism, GFMD"\nemail = "events@example.org"\n'


def reply_ics(uid, attendee, partstat, sequence=0, stamp="20231115T090000Z"):
    """A REPLY as Thunderbird writes one: folded lines, CRLF, the attendee alone."""
    return (
        "BEGIN:VCALENDAR\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\n"
        "VERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n"
        "CREATED:20231114T221320Z\r\nLAST-MODIFIED:20231115T090000Z\r\n"
        f"DTSTAMP:{stamp}\r\nUID:{uid}\r\nSUMMARY:Briefing\r\n"
        "ORGANIZER;CN=\"Mayors Mechanism, GFMD\":mailto:events@example.org\r\n"
        f"ATTENDEE;CN=\"Jane Doe\";PARTSTAT={partstat};ROLE=REQ-PARTICIPANT:mailto:\r\n {attendee}\r\n"
        "DTSTART:20220413T130000Z\r\nDTEND:20220413T140000Z\r\n"
        f"SEQUENCE:{sequence}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def pinned_uid(number):
    """A stand-in for a random UID, the same length so that line folding does not move."""
    return f"00000000-0000-4000-8000-{number:012d}@convene"


class ExportTestCase(ConveneTestCase):
    def setUp(self):
        super().setUp()
        if not ICAL_CHECK:
            self.skipTest("ICAL_CHECK is not set (run through ctest)")

    def export(self, *args):
        """Runs export-ics and returns stdout as bytes (the harness decodes text)."""
        proc = subprocess.run([os.environ["CONVENE_BIN"], "export-ics", *args], capture_output=True,
                              env=self.env, cwd=self.dir, timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode("utf-8", "replace"))
        return proc.stdout

    def check(self, data, expected):
        """Both parsers accept `data` and compute `expected` [(uid, start, end)]; returns them."""
        self.assertEqual(ics_check.check_bytes(data), expected, "python3-icalendar")
        path = self.write("check.ics", data, "wb")
        result = subprocess.run([ICAL_CHECK, path], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, f"ical_check: {result.stderr}")
        lines = [tuple(line.split("\t")) for line in result.stdout.splitlines()]
        self.assertEqual(lines, expected, "libical")
        return expected

    def uid(self, event):
        return json.loads(self.ok("show", event, "--format", "json"))["uid"]

    def export_one(self, slug):
        """Exports one event, checks it with both parsers and returns (bytes, start, end)."""
        data = self.export(slug)
        [(uid, start, end)] = ics_check.check_bytes(data)
        self.assertEqual(uid, self.uid(slug))
        self.check(data, [(uid, start, end)])
        return data, start, end

    def property(self, data, name):
        """The unfolded values of property `name` (parameters stripped)."""
        return [line.split(":", 1)[1] for line in self.lines(data, name)]

    def lines(self, data, name):
        """The unfolded content lines of property `name`, parameters included."""
        unfolded = data.replace(b"\r\n ", b"").decode("utf-8")
        return [line for line in unfolded.split("\r\n") if re.match(rf"{name}[;:]", line)]

    def add_seed_agenda(self, slug):
        """The seed's agenda: untimed items, speakers, guiding questions."""
        self.ok("add-agenda-item", slug, "--title", "Détails techniques")
        self.ok("add-agenda-item", slug, "--title",
                "La route vers le Forum d'examen des migrations internationales (IMRF)",
                "--speaker", "Monami Maulik; Stakeholder Liaison Officer; "
                             "Réseau des Nations Unies sur la migration",
                "--speaker", "Sophie van Haasen; Coordinatrice; GFMD Mayors Mechanism")
        self.ok("add-agenda-item", slug, "--title", "Discussion, questions et réponses",
                "--point", "Comment votre gouvernement local ou régional agit-il sur la "
                           "gouvernance de la migration ?",
                "--point", "Êtes-vous intéressé à faire entendre votre voix sur la migration ?")
        self.ok("add-agenda-item", slug, "--title", "Conclusions")

    def compare_golden(self, name, data, uids):
        """`data` with `uids` pinned equals tests/golden/NAME byte for byte."""
        for number, uid in enumerate(uids, start=1):
            self.assertEqual(len(uid), len(pinned_uid(number)))
            data = data.replace(uid.encode(), pinned_uid(number).encode())
        path = os.path.join(GOLDEN_DIR, name)
        if update_golden():
            with open(path, "wb") as f:
                f.write(data)
        with open(path, "rb") as f:
            golden = f.read()
        self.assertEqual(data.decode("utf-8"), golden.decode("utf-8"), f"{name} differs")
        self.assertEqual(data, golden, f"{name}: same text, different bytes (CRLF lost?)")
        self.check(golden, ics_check.check_bytes(golden))
