"""A newcomer's first hour (issue 15): commands that read never create a database, defaults a
person would not guess are noted on a terminal only, a refused import says that nothing was
imported, tables fit the terminal, counts read as English, JSON says null for what is not set."""
import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import termios
import unicodedata
import unittest

from harness import BIN, ConveneTestCase

LONG_TITLE = ("Séance d'information sur la route vers le Forum d'examen des migrations "
              "internationales (IMRF) et ses suites")


def width(text):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF"
               else 1 for c in text)


class TerminalRun:
    """Runs convene with stdout and/or stderr on a pseudo-terminal of `columns` columns.

    The test keeps its own end of the terminal open until convene has exited, then writes a
    marker into it and reads up to the marker. Reading until the terminal closes instead loses
    output: Linux may report the closed terminal (EIO) before the last lines a child wrote have
    reached the reading side, which once made a table arrive without its rows."""

    END = b"\x1e<end of convene's output>\x1e"

    def __init__(self, test, args, columns=80, stdout_tty=True, stderr_tty=True):
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
        proc = subprocess.Popen([BIN, *args], cwd=test.dir, env=test.env,
                                stdin=subprocess.DEVNULL,
                                stdout=slave if stdout_tty else subprocess.PIPE,
                                stderr=slave if stderr_tty else subprocess.PIPE)
        data = bytearray()
        while proc.poll() is None:  # read while it writes, so a full terminal cannot block it
            if select.select([master], [], [], 0.05)[0]:
                data += os.read(master, 65536)
        os.write(slave, self.END)  # behind everything convene wrote
        while not data.endswith(self.END):
            data += os.read(master, 65536)
        os.close(slave)
        os.close(master)
        piped_out, piped_err = (out.decode() if out else "" for out in proc.communicate())
        self.code = proc.returncode
        self.terminal = bytes(data[:-len(self.END)]).decode("utf-8").replace("\r\n", "\n")
        self.stdout = self.terminal if stdout_tty else piped_out
        self.stderr = self.terminal if stderr_tty and not stdout_tty else piped_err


class NoDatabase(ConveneTestCase):
    def test_reading_commands_never_create_a_database(self):
        commands = [["list", "events"], ["list", "agenda", "x"], ["list", "attendees", "x"],
                    ["show", "x"], ["export-ics", "--all"], ["export-ics", "x"],
                    ["register", "x", "--name", "A", "--email", "a@example.org"]]
        for args in commands:
            with self.subTest(args=args):
                result = self.run_convene(*args)
                self.assertEqual(result.code, 3, result.stderr)
                lines = result.stderr.splitlines()
                self.assertEqual(lines[0], "convene: error: no database at "
                                 f"{os.path.realpath(self.dir)}/convene.db "
                                 "(the default: convene.db in the current folder)")
                self.assertRegex(lines[1], r"^convene: hint: convene create-event creates it; "
                                           r"or choose another with --db FILE")
                self.assertEqual(result.stdout, "")
                self.assertEqual(os.listdir(self.dir), [])

    def test_a_mistyped_db_says_which_path_and_where_it_came_from(self):
        self.create_briefing()
        error = self.fails(3, "list", "events", "--db", self.path("convene.bd"))
        self.assertIn(f"no database at {self.path('convene.bd')} (--db)", error)
        error = self.fails(3, "show", "imrf-briefing", env={"CONVENE_DB": "nope.db"})
        self.assertIn("nope.db (CONVENE_DB)", error)
        self.write("convene.toml", '[database]\npath = "elsewhere.db"\n')
        self.assertIn("elsewhere.db (database.path in convene.toml)",
                      self.fails(3, "list", "events"))
        self.assertEqual(sorted(os.listdir(self.dir)), ["convene.db", "convene.toml"])

    def test_create_event_creates_it(self):
        self.create_briefing()
        self.assertTrue(os.path.exists(self.path("convene.db")))
        self.assertEqual(len(self.ok("list", "events").splitlines()), 3)


class DefaultsNotedOnATerminal(ConveneTestCase):
    ARGS = ["create-event", "--title", "Atelier", "--start", "2024-05-01T09:00", "--end", "10:00"]

    def test_first_use_of_the_default_database_and_zone_is_noted(self):
        run = TerminalRun(self, self.ARGS, stdout_tty=False)
        self.assertEqual(run.code, 0, run.stderr)
        self.assertEqual(run.stdout, "atelier\n")
        self.assertIn("convene: created the database convene.db in the current folder",
                      run.stderr)
        self.assertRegex(run.stderr, r"convene: times without --tz are read in \S+, this "
                                     r"system's zone")
        self.assertEqual(len(run.stderr.splitlines()), 2, run.stderr)
        # The database exists now: only the zone is worth a note.
        run = TerminalRun(self, self.ARGS, stdout_tty=False)
        self.assertNotIn("created", run.stderr)
        self.assertIn("this system's zone", run.stderr)
        # An explicit zone, --quiet, or stderr in a pipe: nothing.
        run = TerminalRun(self, [*self.ARGS, "--tz", "Europe/Paris"], stdout_tty=False)
        self.assertEqual(run.stderr, "")
        run = TerminalRun(self, ["--quiet", *self.ARGS], stdout_tty=False)
        self.assertEqual(run.stderr, "")
        result = self.run_convene(*self.ARGS)
        self.assertEqual((result.code, result.stderr), (0, ""))

    def test_a_configured_zone_is_not_noted(self):
        self.write("convene.toml", '[defaults]\ntimezone = "Europe/Paris"\n')
        run = TerminalRun(self, self.ARGS, stdout_tty=False)
        self.assertNotIn("zone", run.stderr)


class TablesFitTheTerminal(ConveneTestCase):
    def setUp(self):
        super().setUp()
        _, self.event = self.create_briefing("--venue", "Palais des Nations, Genève, salle XX")
        self.ok("create-event", "--title", LONG_TITLE, "--start", "2022-04-14T10:00", "--end",
                "11:00", "--tz", "Europe/Paris", "--online", "https://example.org/a/long/path")
        self.ok("add-agenda-item", self.event, "--title", LONG_TITLE, "--speaker",
                "Sophie van Haasen; Coordinatrice; GFMD Mayors Mechanism", "--point",
                "Quels sont les enjeux pour les gouvernements locaux et régionaux ?")
        self.ok("register", self.event, "--name", "Zoë Müller-Lüdenscheidt von Hohenzollern",
                "--email", "zoe@example.org", "--organisation",
                "Cités et Gouvernements Locaux Unis (CGLU), bureau de Barcelone",
                "--field", "note=arrive tard, part tôt, végétarienne, aime le thé")

    def assert_fits(self, text, columns):
        for line in text.splitlines():
            self.assertLessEqual(width(line), columns, line)

    def test_list_events_fits_a_terminal_and_wide_shows_all(self):
        for columns in (120, 80):
            with self.subTest(columns=columns):
                run = TerminalRun(self, ["list", "events"], columns=columns, stderr_tty=False)
                self.assertEqual(run.code, 0, run.stderr)
                self.assert_fits(run.stdout, columns)
                self.assertIn("…", run.stdout)
                header = run.stdout.splitlines()[0].split()
                self.assertEqual(header[:3], ["id", "slug", "title"])
                self.assertIn("status", header)
                self.assertRegex(run.stderr, rf"^convene: left out (\w+, )*capacity, room, type, "
                                             rf"track to fit "
                                             rf"{columns} columns; --wide shows everything\n$")
        run = TerminalRun(self, ["list", "events", "--wide"], columns=80, stderr_tty=False)
        self.assertNotIn("…", run.stdout)
        self.assertIn(LONG_TITLE, run.stdout)
        self.assertEqual(run.stdout.splitlines()[0].split()[-1], "track")
        self.assertEqual(run.stderr, "")

    def test_columns_shrink_to_their_content(self):
        run = TerminalRun(self, ["list", "agenda", "peer-learning-2022"], columns=200,
                          stderr_tty=False)
        self.assertEqual(run.stdout.splitlines()[0],
                         "position  start  end  duration_minutes  title  kind  speakers  points")

    def test_every_list_fits_columns_outside_a_terminal(self):
        for args in (["list", "events"], ["list", "agenda", self.event],
                     ["list", "attendees", self.event]):
            with self.subTest(args=args):
                wide = self.ok(*args, "--format", "table")
                narrow = self.ok(*args, "--format", "table", env={"COLUMNS": "80"})
                self.assertGreater(max(width(line) for line in wide.splitlines()), 80)
                self.assert_fits(narrow, 80)
                self.assertIn("…", narrow)
                self.assertEqual(self.ok(*args, "--format", "table", "--wide",
                                         env={"COLUMNS": "80"}), wide)
                # Only tables give way; data formats never change.
                self.assertEqual(self.ok(*args, "--format", "tsv", env={"COLUMNS": "80"}),
                                 self.ok(*args, "--format", "tsv"))

    def test_long_custom_field_headers_are_cut_like_other_columns(self):
        """A Google Forms export: its questions are the headers of custom fields."""
        questions = ["Will you need simultaneous interpretation during the plenary sessions?",
                     "Do you have any dietary requirements or allergies we should know about?",
                     "How did you hear about this event (newsletter, colleague, social media)?"]
        header = ["Timestamp", "Email Address", "First name", "Last name", "Organization",
                  "Language", *questions]
        rows = [["2024/03/01 10:00:00 AM GMT+1", f"p{i}@example.org", f"Person{i}", "Martin",
                 "Ville de Lyon", "French", "Yes, into French", "Vegetarian", "A colleague"]
                for i in range(3)]
        path = self.write("forms.csv", "".join(",".join(f'"{cell}"' for cell in row) + "\n"
                                               for row in [header, *rows]))
        # Read as a plain sheet (not as Google's), so that the timestamp stays a column too.
        self.ok("register", self.event, "--csv", path, "--platform", "generic")
        run = TerminalRun(self, ["list", "attendees", self.event], columns=110,
                          stderr_tty=False)
        self.assertEqual(run.code, 0, run.stderr)
        self.assert_fits(run.stdout, 110)
        heading = run.stdout.splitlines()[0]
        self.assertRegex(heading, r"  Will you \S+…  Do you \S+…$")
        self.assertRegex(heading, r"^name +email +organisation +status")
        # What does not fit even cut to ten columns is left out, the last first, with a note.
        self.assertIn(f"waitlist_position, {questions[2]} to fit 110 columns", run.stderr)
        # --wide still shows everything, whole.
        wide = TerminalRun(self, ["list", "attendees", self.event, "--wide"], columns=110,
                           stderr_tty=False)
        self.assertIn(questions[2], wide.stdout)

    def test_cut_text_is_cut_by_display_width(self):
        self.ok("register", self.event, "--name", "李小龍" * 12, "--email", "li@example.org")
        out = self.ok("list", "attendees", self.event, "--format", "table",
                      env={"COLUMNS": "80"})
        self.assert_fits(out, 80)
        self.assertRegex(out, r"\n(李小龍)+李?…? +li@example\.org")


class RefusedImports(ConveneTestCase):
    def setUp(self):
        super().setUp()
        _, self.event = self.create_briefing()

    def test_a_refused_file_says_nothing_was_imported_and_what_skip_invalid_would_do(self):
        path = self.write("people.csv", "name,email\nA,a@example.org\nB,not-an-email\n"
                                        "C,c@example.org\nD,d@example.org\nE,\n")
        result = self.run_convene("register", self.event, "--csv", path)
        self.assertEqual(result.code, 5, result.stderr)
        error, hint = result.stderr.splitlines()
        self.assertTrue(error.startswith(f"convene: error: {path}:3: 'not-an-email' is not"))
        self.assertEqual(hint, "convene: hint: nothing was imported; --skip-invalid would import "
                               "the 3 valid rows and skip 2 bad rows")
        self.assertEqual(self.ok("list", "attendees", self.event, "--no-header"), "")

    def test_when_no_row_is_valid_it_only_says_nothing_was_imported(self):
        path = self.write("bad.csv", "name,email\nB,not-an-email\n")
        result = self.run_convene("register", self.event, "--csv", path)
        self.assertEqual(result.stderr.splitlines()[-1], "convene: hint: nothing was imported")

    def test_a_duplicate_keeps_its_own_hint(self):
        self.ok("register", self.event, "--name", "A", "--email", "a@example.org")
        path = self.write("dup.csv", "name,email\nA,A@example.org\nB,b@example.org\n")
        error = self.fails(4, "register", self.event, "--csv", path)
        self.assertIn("dup.csv:2: A@example.org is already registered", error)
        result = self.run_convene("register", self.event, "--csv", path)
        self.assertEqual(result.stderr.splitlines()[-1],
                         "convene: hint: use --on-duplicate skip or --on-duplicate update; "
                         "nothing was imported; --skip-invalid would import the 1 valid row and "
                         "skip 1 bad row")


class PluralsAndNulls(ConveneTestCase):
    def test_counts_read_as_english(self):
        self.write("convene.toml", '[organiser]\nname = "MM"\nemail = "mm@example.org"\n')
        _, slug = self.create_briefing()
        result = self.run_convene("export-ics", slug, "-o", self.path("one.ics"))
        self.assertIn("wrote 1 event to", result.stderr)
        self.ok("register", slug, "--name", "A", "--email", "a@example.org")
        result = self.run_convene("export-ics", slug, "--invitations", self.path("out"))
        self.assertIn("wrote 1 invitation and 0 cancellations to", result.stderr)
        self.assertNotIn("(s)", result.stderr)
        self.ok("update-event", slug, "--capacity", "1")
        error = self.fails(4, "register", slug, "--name", "B", "--email", "b@example.org",
                           "--no-waitlist")
        self.assertIn("is full (1 seat taken)", error)

    def test_invitations_without_an_organiser_point_to_init(self):
        _, slug = self.create_briefing()
        self.ok("register", slug, "--name", "A", "--email", "a@example.org")
        result = self.run_convene("export-ics", slug, "--invitations", self.path("out"))
        self.assertEqual(result.code, 2)
        self.assertIn("convene: hint: convene init --organiser-name NAME --organiser-email EMAIL",
                      result.stderr)

    def test_json_lists_say_null_for_what_is_not_set(self):
        parent, slug = self.create_briefing()
        self.ok("add-agenda-item", slug, "--title", "Ouverture", "--speaker", "Ada")
        self.ok("register", slug, "--name", "Bob", "--email", "bob@example.org")
        events = {e["slug"]: e for e in json.loads(self.ok("list", "events", "--format", "json"))}
        self.assertIsNone(events[parent]["venue"])
        self.assertIsNone(events[parent]["online_url"])
        self.assertIsNone(events[parent]["parent"])
        self.assertIsNone(events[parent]["capacity"])
        [item] = json.loads(self.ok("list", "agenda", slug, "--format", "json"))
        self.assertIsNone(item["kind"])
        self.assertIsNone(item["start"])
        self.assertEqual(item["points"], [])
        self.assertEqual(item["speakers"], [{"name": "Ada", "role": None, "organisation": None}])
        [bob] = json.loads(self.ok("list", "attendees", slug, "--format", "json"))
        self.assertIsNone(bob["organisation"])
        self.assertIsNone(bob["language"])
        self.assertIsNone(bob["checked_in_at"])
        # Text formats show nothing for null, as before.
        self.assertEqual(self.ok("list", "attendees", slug, "--fields", "name,organisation",
                                 "--format", "csv", "--no-header"), "Bob,\r\n")


if __name__ == "__main__":
    unittest.main()
