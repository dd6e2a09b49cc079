"""Reliability and security (issue 13): every write checked, every input bounded, broken
databases reported as storage errors, errors on one escaped line, and `forget`."""
import os
import signal
import sqlite3
import stat
import subprocess
import time
import unittest

from harness import BIN, ConveneTestCase
from ics_testing import ORGANISER_TOML


class CheckedWrites(ConveneTestCase):
    def setUp(self):
        super().setUp()
        _, self.event = self.create_briefing()
        self.ok("register", self.event, "--name", "Ann", "--email", "ann@example.org")

    def run_to(self, stdout, *args):
        proc = subprocess.run([BIN, *args], stdout=stdout, stderr=subprocess.PIPE, env=self.env,
                              cwd=self.dir, timeout=60)
        return proc.returncode, proc.stderr.decode()

    @unittest.skipUnless(os.path.exists("/dev/full"), "no /dev/full")
    def test_a_full_device_on_stdout_is_exit_6(self):
        for args in (["list", "events"], ["show", self.event], ["export-ics", self.event],
                     ["list", "attendees", self.event], ["--help"]):
            with self.subTest(args=args), open("/dev/full", "wb") as full:
                code, err = self.run_to(full, *args)
                self.assertEqual(code, 6, err)
                lines = err.splitlines()
                self.assertEqual(len(lines), 1, err)
                self.assertIn("cannot write to standard output", lines[0])

    def test_a_closed_pipe_ends_by_sigpipe_or_exit_6(self):
        # The reader has gone before anything is written: the first write fails.
        for ignore in (False, True):
            with self.subTest(sigpipe_ignored=ignore):
                read_end, write_end = os.pipe()
                os.close(read_end)
                handler = (lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN)) if ignore \
                    else None
                proc = subprocess.run([BIN, "list", "attendees", self.event], stdout=write_end,
                                      stderr=subprocess.PIPE, env=self.env, cwd=self.dir,
                                      preexec_fn=handler, timeout=60)
                os.close(write_end)
                if ignore:
                    self.assertEqual(proc.returncode, 6, proc.stderr)
                    self.assertIn(b"cannot write to standard output", proc.stderr)
                else:
                    self.assertEqual(proc.returncode, -signal.SIGPIPE)

    def test_output_only_replaces_regular_files(self):
        os.mkdir(self.path("folder"))
        os.symlink(self.path("missing"), self.path("dangling"))
        for target, fragment in (("/dev/null", "not a regular file"),
                                 (self.path("folder"), "is a directory"),
                                 (self.path("dangling"), "symbolic link to a missing")):
            with self.subTest(target=target):
                error = self.fails(2, "export-ics", self.event, "-o", target)
                self.assertIn(fragment, error)
        self.assertTrue(stat.S_ISCHR(os.stat("/dev/null").st_mode))
        self.assertFalse(os.path.exists(self.path("missing")))

    def test_empty_file_names_are_refused(self):
        self.assertIn("empty", self.fails(2, "export-ics", self.event, "-o", ""))
        self.assertIn("empty", self.fails(2, "--db", "", "list", "events"))
        self.assertIn("empty", self.fails(2, "--config", "", "list", "events"))
        self.assertIn("empty", self.fails(2, "export-ics", self.event, "--invitations", ""))

    def test_a_replaced_file_keeps_its_mode_and_a_link_stays(self):
        target = self.write("feed.ics", "old")
        os.chmod(target, 0o600)
        self.ok("export-ics", self.event, "-o", target)
        self.assertEqual(stat.S_IMODE(os.stat(target).st_mode), 0o600)
        os.chmod(target, 0o640)
        os.symlink("feed.ics", self.path("link.ics"))
        self.ok("export-ics", self.event, "-o", self.path("link.ics"))
        self.assertTrue(os.path.islink(self.path("link.ics")))
        self.assertEqual(stat.S_IMODE(os.stat(target).st_mode), 0o640)
        with open(target, encoding="utf-8") as f:
            self.assertIn("BEGIN:VCALENDAR", f.read())

    def test_invitations_are_private_and_leftovers_go(self):
        self.write("convene.toml", ORGANISER_TOML)
        os.mkdir(self.path("inv"))
        # A temporary file of a writer that no longer runs (Ctrl-C, SIGKILL)...
        dead = subprocess.Popen(["true"])
        dead.wait()
        stale = self.write(f"inv/.ann@example.org.ics.{dead.pid}-0.tmp", "half")
        # ...and one of a writer that still runs (this test).
        alive = self.write(f"inv/.x.ics.{os.getpid()}-0.tmp", "busy")
        self.ok("export-ics", self.event, "--invitations", self.path("inv"))
        self.assertFalse(os.path.exists(stale))
        self.assertTrue(os.path.exists(alive))
        for name in os.listdir(self.path("inv")):
            if name.endswith(".ics") and not name.startswith("."):
                mode = stat.S_IMODE(os.stat(self.path("inv", name)).st_mode)
                self.assertEqual(mode, 0o600, name)

    def test_db_through_a_dangling_symlink_and_init_are_refused(self):
        os.symlink(self.path("nowhere.db"), self.path("link.db"))
        # Reading finds no database there (exit 3); creating one through the link is refused.
        self.fails(3, "--db", self.path("link.db"), "list", "events")
        self.assertIn("symbolic link to a missing file",
                      self.fails(6, "--db", self.path("link.db"), "create-event", "--title", "T",
                                 "--date", "2024-01-01"))
        self.assertFalse(os.path.exists(self.path("nowhere.db")))
        os.symlink(self.path("nowhere.toml"), self.path("conf.toml"))
        self.fails(2, "init", self.path("conf.toml"))
        self.assertFalse(os.path.exists(self.path("nowhere.toml")))


class OneLineErrors(ConveneTestCase):
    def setUp(self):
        super().setUp()
        # A database to look in, so that the errors are about the names given.
        self.ok("create-event", "--title", "T", "--date", "2024-01-01")

    def test_control_characters_are_escaped_and_messages_cut(self):
        result = self.run_convene("show", "\x1b[31mred\x1b[0m\nsecond line")
        self.assertEqual(result.code, 3)
        self.assertNotIn("\x1b", result.stderr)
        self.assertIn("\\x1b[31mred", result.stderr)
        self.assertIn("\\nsecond line", result.stderr)
        self.assertEqual(len([l for l in result.stderr.splitlines() if "error" in l]), 1)
        error = self.fails(3, "show", "x" * 5000)
        self.assertLess(len(error), 260)
        self.assertTrue(error.endswith("…"), error)

    def test_a_c1_control_is_escaped(self):
        result = self.run_convene("show", "a\u009bb")
        self.assertNotIn("\u009b", result.stderr)
        self.assertIn("\\xc2\\x9b", result.stderr)

    def test_capacity_range_message_is_short(self):
        _, event = self.create_briefing()
        error = self.fails(2, "update-event", event, "--capacity", "-1")
        self.assertLess(len(error), 200)


class LockWait(ConveneTestCase):
    """A second writer waits for the first as long as configured, then says who holds the lock."""

    def setUp(self):
        super().setUp()
        _, self.event = self.create_briefing()
        self.holder = sqlite3.connect(self.path("convene.db"), isolation_level=None)
        self.holder.execute("BEGIN IMMEDIATE")  # what a long import holds

    def tearDown(self):
        self.holder.close()
        super().tearDown()

    def test_no_wait_names_the_other_writer(self):
        line = self.fails(6, "register", self.event, "--name", "Ann", "--email", "ann@x.org",
                          env={"CONVENE_LOCK_WAIT": "0s"})
        self.assertIn("another convene is writing to it (waited 0 s)", line)

    def test_the_wait_is_configurable_and_reading_does_not_wait(self):
        self.write("convene.toml", '[database]\nlock_wait = "1s"\n')
        started = time.monotonic()
        line = self.fails(6, "cancel-event", self.event)
        # A lower bound only: a slow machine takes longer, never shorter.
        self.assertGreaterEqual(time.monotonic() - started, 1.0)
        self.assertIn("(waited 1 s)", line)
        self.ok("list", "events")  # WAL: readers are not blocked by the writer
        self.holder.execute("ROLLBACK")
        self.ok("cancel-event", self.event)

    def test_a_bad_wait_is_refused(self):
        self.write("convene.toml", '[database]\nlock_wait = "soon"\n')
        self.assertIn("convene.toml:2: database.lock_wait", self.fails(5, "list", "events"))
        os.remove(self.path("convene.toml"))
        self.assertIn("CONVENE_LOCK_WAIT", self.fails(2, "list", "events",
                                                      env={"CONVENE_LOCK_WAIT": "2h"}))


class BrokenDatabases(ConveneTestCase):
    """Every command against damaged databases: exit 6 naming the damage when it reads the
    damaged part, success when it never does; never 1."""

    def setUp(self):
        super().setUp()
        _, self.event = self.create_briefing()
        self.ok("register", self.event, "--name", "Ann", "--email", "ann@example.org",
                "--field", "diet=vegan")
        self.ok("add-agenda-item", self.event, "--title", "Opening", "--start", "+0m",
                "--duration", "10m")
        self.commands = [
            ["list", "events"], ["show", self.event], ["list", "agenda", self.event],
            ["list", "attendees", self.event], ["export-ics", self.event],
            ["register", self.event, "--name", "Bo", "--email", "bo@example.org"],
            ["unregister", self.event, "ann@example.org"],
            ["check-in", self.event, "ann@example.org"],
            ["update-event", self.event, "--venue", "Hall"],
            ["cancel-event", self.event], ["delete-event", self.event, "--yes"],
            ["add-agenda-item", self.event, "--title", "Close"],
            ["update-agenda-item", self.event, "1", "--title", "Open"],
            ["move-agenda-item", self.event, "1", "--to", "1"],
            ["remove-agenda-item", self.event, "1"],
            ["create-event", "--title", "New", "--start", "2024-01-01T10:00", "--duration", "1h"],
            ["forget", self.event, "ann@example.org"],
        ]
        with open(self.path("convene.db"), "rb") as f:
            self.pristine = f.read()

    def damage(self, sql):
        self.damaged_on_purpose = True
        with open(self.path("convene.db"), "wb") as f:
            f.write(self.pristine)
        for suffix in ("-wal", "-shm"):
            if os.path.exists(self.path("convene.db" + suffix)):
                os.remove(self.path("convene.db" + suffix))
        if callable(sql):
            sql()
            return
        db = sqlite3.connect(self.path("convene.db"))
        db.executescript(sql)
        db.close()

    def truncate(self):
        with open(self.path("convene.db"), "r+b") as f:
            f.truncate(len(self.pristine) // 2)

    def test_every_command_says_storage_or_succeeds_as_decided(self):
        # damage: (what to do to the file, what the error line says of it)
        damages = {
            "dropped registration": ("DROP TABLE registration;",
                                     "convene.db is damaged: table 'registration' is missing"),
            "dropped agenda": ("DROP TABLE agenda_point; DROP TABLE agenda_speaker; "
                               "DROP TABLE agenda_item;",
                               "convene.db is damaged: table 'agenda_item' is missing"),
            "user_version -1": ("PRAGMA user_version = -1;",
                                "convene.db is not a convene database (schema -1)"),
            "user_version 0": ("PRAGMA user_version = 0;",
                               "cannot set up convene.db for convene: table event already "
                               "exists"),
            "status tampered": ("PRAGMA ignore_check_constraints = 1; "
                                "UPDATE event SET status = 'bogus';",
                                "a row of 'event' does not read back: unknown event status "
                                "'bogus'"),
            "zone tampered": ("UPDATE event SET timezone = 'Mars/Olympus';",
                              "a stored time zone does not read back: 'Mars/Olympus' is not "
                              "in this system's tz database"),
            "start is text": ("PRAGMA ignore_check_constraints = 1; "
                              "UPDATE event SET start_utc = 'soon';",
                              "a row of 'event' does not read back: 'start_utc' is not an "
                              "integer"),
            "fields tampered": ("PRAGMA ignore_check_constraints = 1; "
                                "UPDATE registration SET status = 'gone';",
                                "a row of 'registration' does not read back: unknown "
                                "registration status 'gone'"),
            "truncated": (self.truncate, "the database is damaged: database disk image is "
                                         "malformed"),
        }
        # Decided case by case: a command that never reads the damaged part succeeds. A new
        # event needs none of the others' rows; cancelling, deleting (the way out) and agenda
        # edits without times need no zone; neither do the attendee list, a registration or a
        # cancellation, whose times are UTC. Registrations with a bad status break only what
        # reads those rows: the list, unregister, check-in and forget of that person.
        succeeds = {
            "status tampered": {"create-event"},
            "start is text": {"create-event"},
            "zone tampered": {"list attendees", "register", "unregister", "cancel-event",
                              "delete-event", "add-agenda-item", "update-agenda-item",
                              "move-agenda-item", "remove-agenda-item", "create-event",
                              "forget"},
            "fields tampered": {"list events", "show", "list agenda", "export-ics", "register",
                                "update-event", "cancel-event", "delete-event",
                                "add-agenda-item", "update-agenda-item", "move-agenda-item",
                                "remove-agenda-item", "create-event"},
        }
        self.assertEqual(sum(len(names) for names in succeeds.values()), 26)
        for name, (sql, says) in damages.items():
            for args in self.commands:
                command = " ".join(args[:2]) if args[0] == "list" else args[0]
                with self.subTest(damage=name, command=command):
                    self.damage(sql)
                    if command in succeeds.get(name, set()):
                        result = self.run_convene(*args)
                        self.assertEqual(result.code, 0, result.stderr)
                        self.assertNotIn("error", result.stderr)
                    else:
                        self.assertIn(says, self.fails(6, *args))

    def test_a_damaged_database_names_the_damage(self):
        self.damage("DROP TABLE registration;")
        self.assertIn("table 'registration' is missing", self.fails(6, "list", "events"))
        self.damage("PRAGMA user_version = -1;")
        self.assertIn("not a convene database", self.fails(6, "list", "events"))
        self.damage("UPDATE event SET timezone = 'Mars/Olympus';")
        self.assertIn("does not read back", self.fails(6, "list", "events"))

    def test_an_unreadable_config_home_and_a_config_folder_are_errors(self):
        xdg = self.path("xdg")
        os.makedirs(os.path.join(xdg, "convene"))
        os.chmod(xdg, 0)
        try:
            result = self.run_unprivileged("list", "events")
        finally:
            os.chmod(xdg, 0o755)
        self.assertEqual(result.code, 2, result.stderr)
        self.assertEqual(result.stderr.splitlines(), [
            f"convene: error: cannot read config file {xdg}/convene/config.toml: "
            "Permission denied"])

    def test_an_unreadable_config_file_is_a_usage_error_like_a_missing_one(self):
        path = self.write("convene.toml", '[defaults]\ntimezone = "UTC"\n')
        os.chmod(path, 0)
        for name, args in (("convene.toml", ["list", "events"]),
                           (path, ["--config", path, "list", "events"])):
            with self.subTest(args=args):
                result = self.run_unprivileged(*args)
                self.assertEqual(result.code, 2, result.stderr)
                self.assertEqual(result.stderr.splitlines(), [
                    f"convene: error: cannot read config file {name}: Permission denied"])
        missing = self.fails(2, "--config", self.path("missing.toml"), "list", "events")
        self.assertEqual(missing, f"convene: error: config file {self.path('missing.toml')} "
                                  "does not exist")

    def test_a_config_that_is_a_folder_is_refused(self):
        os.mkdir(self.path("conf"))
        self.assertIn("is a directory", self.fails(2, "--config", self.path("conf"),
                                                   "list", "events"))


class BoundedInput(ConveneTestCase):
    def setUp(self):
        super().setUp()
        _, self.event = self.create_briefing()

    def test_endless_inputs_fail_fast(self):
        for args, fragment in (
                (["register", self.event, "--csv", "/dev/zero"], "/dev/zero:1: a record is longer"),
                (["register", self.event, "--jsonl", "/dev/zero"], "/dev/zero:1: the line is longer"),
                (["create-event", "--from", "/dev/zero"], "/dev/zero: larger than"),
                (["update-event", self.event, "--description", "@/dev/zero"],
                 "/dev/zero: longer than")):
            with self.subTest(args=args):
                started = time.monotonic()
                self.assertIn(fragment, self.fails(5, *args))
                self.assertLess(time.monotonic() - started, 30)

    def test_a_long_line_and_many_columns(self):
        path = self.write("long.csv", "name,email\n" + "x" * (2 * 1024 * 1024) + ",a@b.c\n")
        self.assertIn("long.csv:2: a record is longer", self.fails(5, "register", self.event,
                                                                    "--csv", path))
        path = self.write("wide.csv", ",".join(f"c{i}" for i in range(100_000)) + "\n")
        self.assertIn("wide.csv:1: more than 256 fields", self.fails(5, "register", self.event,
                                                                      "--csv", path))

    def test_deep_event_files_are_refused(self):
        path = self.write("deep.toml", 'title = "x"\n' + ".".join(["a"] * 100_000) + " = 1\n")
        self.assertIn("deep.toml:2: nested deeper than", self.fails(5, "create-event", "--from",
                                                                     path))
        path = self.write("arrays.toml", 'title = "x"\nv = ' + "[" * 50 + "]" * 50 + "\n")
        self.fails(5, "create-event", "--from", path)

    def test_nul_and_controls_are_refused(self):
        path = self.write("nul.jsonl", '{"name": "A\\u0000B", "email": "a@example.org"}\n')
        self.assertIn("control character", self.fails(5, "register", self.event, "--jsonl", path))
        self.assertIn("control character", self.fails(2, "register", self.event, "--name",
                                                       "A\x1b[2JB", "--email", "a@example.org"))
        path = self.write("ev.toml", 'title = "A\\u0007B"\nstart = "2024-01-01T10:00"\n'
                                     'duration = "1h"\n')
        self.assertIn("ev.toml:1: title", self.fails(5, "create-event", "--from", path))

    def test_numbers_stay_exact_and_keys_unique(self):
        path = self.write("big.jsonl", '{"name": "A", "email": "a@example.org", '
                                       '"badge": 123456789012345678901234567890}\n')
        self.assertIn("big.jsonl:1: a number is too large", self.fails(5, "register", self.event,
                                                                        "--jsonl", path))
        path = self.write("dup.jsonl", '{"name": "A", "name": "B", "email": "a@example.org"}\n')
        self.assertIn('key "name" appears twice', self.fails(5, "register", self.event,
                                                               "--jsonl", path))
        path = self.write("ok.jsonl", '{"name": "A", "email": "a@example.org", '
                                      '"badge": 12345678901234567890}\n')
        self.ok("register", self.event, "--jsonl", path)
        people = [l for l in self.ok("list", "attendees", self.event, "--format", "jsonl",
                                     "--fields", "badge").splitlines()]
        self.assertIn("12345678901234567890", people[0])

    def test_ranges(self):
        self.fails(2, "update-event", self.event, "--capacity", "1000001")
        self.assertIn("longer than 366 days", self.fails(
            2, "create-event", "--title", "T", "--start", "2024-01-01T10:00",
            "--duration", "99999999999999d"))
        self.assertIn("outside 1900–9999", self.fails(
            2, "create-event", "--title", "T", "--start", "0001-01-01T10:00", "--duration", "1h"))
        self.assertIn("between the years", self.fails(
            2, "create-event", "--title", "T", "--start", "9999-12-31T23:00", "--duration", "2h"))
        self.assertIn("longer than 366 days", self.fails(
            2, "add-agenda-item", self.event, "--title", "T", "--start", "+99999999d"))

    def test_reserved_field_names_and_description_folders(self):
        self.assertIn("registration field", self.fails(
            2, "register", self.event, "--name", "A", "--email", "a@example.org",
            "--field", "Email=x"))
        os.mkdir(self.path("dir"))
        self.assertIn("is a directory", self.fails(2, "update-event", self.event,
                                                   "--description", "@" + self.path("dir")))


class Forget(ConveneTestCase):
    def setUp(self):
        super().setUp()
        _, self.event = self.create_briefing("--capacity", "1")
        self.ok("register", self.event, "--name", "Zelda Secretname", "--email",
                "zelda@secret.example", "--field", "passport=XK-998877")
        self.ok("register", self.event, "--name", "Wait Ing", "--email", "wait@example.org")
        other = self.ok("create-event", "--title", "Other", "--start", "2024-01-01T10:00",
                        "--duration", "1h").strip()
        self.other = other
        self.ok("register", other, "--name", "Zelda Secretname", "--email", "ZELDA@secret.example")
        # An update leaves the old name in free space unless the file is rebuilt.
        self.ok("register", other, "--name", "Zelda Oldname", "--email", "zelda@secret.example",
                "--on-duplicate", "update")

    def test_forget_one_event_promotes_and_says_what_it_removed(self):
        result = self.run_convene("forget", self.event, "zelda@secret.example")
        self.assertEqual(result.code, 0, result.stderr)
        self.assertRegex(result.stdout, r"erased registration \d+ from imrf-briefing "
                                        r"\(1 custom field\(s\)\)")
        self.assertIn("promoted Wait Ing", result.stderr)
        people = self.ok("list", "attendees", self.event, "--format", "jsonl")
        self.assertNotIn("zelda", people.lower())
        self.assertIn('"registered"', people)
        self.assertIn("zelda", self.ok("list", "attendees", self.other, "--format", "jsonl"))

    def test_forget_all_events_leaves_no_bytes_in_the_file(self):
        self.assertIn(b"XK-998877", self.stored_bytes())
        out = self.ok("forget", "--all-events", "Zelda@Secret.Example")
        self.assertEqual(len(out.splitlines()), 2, out)
        data = self.stored_bytes()
        for secret in (b"zelda@secret.example", b"Secretname", b"Oldname", b"XK-998877",
                       b"passport"):
            self.assertNotIn(secret, data)
        self.assertNotIn(b"secret.example", data.lower())

    def test_forget_nobody_is_not_found(self):
        self.fails(3, "forget", "--all-events", "nobody@example.org")
        self.fails(3, "forget", self.event, "nobody@example.org")
        self.fails(2, "forget", self.event)


if __name__ == "__main__":
    unittest.main()
