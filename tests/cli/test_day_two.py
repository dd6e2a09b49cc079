"""Day two (issue 25): the second pass keeps what the first got right. Re-importing a form
export after cancellations gives what registering the same rows one by one gives; a failed
command writes nothing; setup scripts can be run again; `db check` says when the database is
sound, and convene says "damaged" only when it agrees."""
import json
import os
import subprocess

from harness import POSTGRESQL, ConveneTestCase, sqlite_only

PEOPLE = [
    ("Ana Pérez", "ana@ejemplo.es"),
    ("Bernard Dupont", "bernard@exemple.fr"),
    ("Chloé Martin", "chloe@exemple.fr"),
    ("Dmitri Ivanov", "dmitri@example.org"),
    ("Élodie Zoé", "elodie@exemple.fr"),
]
ATTENDEE_FIELDS = "name,email,status,waitlist_position,checked_in_at"


def csv_of(people, extra_rows=()):
    lines = ["name,email"] + [f"{name},{email}" for name, email in people]
    return "\n".join(lines + list(extra_rows)) + "\n"


def jsonl_of(people):
    return "".join(json.dumps({"name": n, "email": e}, ensure_ascii=False) + "\n"
                   for n, e in people)


class ReImport(ConveneTestCase):
    """An import, a cancellation or two, the same file again: what one-by-one registration of
    the same rows gives, in every mode of the import."""

    def event(self, slug, capacity=3):
        self.ok("create-event", "--title", slug, "--slug", slug, "--start", "2030-04-13T15:00",
                "--end", "16:00", "--tz", "Europe/Paris", "--capacity", str(capacity))
        return slug

    def attendees(self, slug):
        return json.loads(self.ok("list", "attendees", slug, "--format", "json", "--fields",
                                  ATTENDEE_FIELDS))

    def stats(self, slug):
        return json.loads(self.ok("stats", slug, "--format", "json"))

    def one_by_one(self, slug, people, *flags):
        """Registers `people` with one `register` each, as the import should have."""
        for name, email in people:
            result = self.run_convene("register", slug, "--name", name, "--email", email, *flags)
            self.assertIn(result.code, (0, 4), result.stderr)

    def scenario(self, slug, people):
        """Imports `people`, cancels two of them (a seat holder and a waiting one) and checks
        one in: what happened between the first import and the second."""
        self.ok("register", slug, "--csv", self.write(f"{slug}-1.csv", csv_of(people)))
        self.ok("unregister", slug, people[1][1])  # a seat: the first waiting moves up
        self.ok("unregister", slug, people[4][1])  # waiting
        self.ok("check-in", slug, people[0][1])

    def test_reimport_after_cancellations_in_every_mode_matches_one_by_one(self):
        modes = {
            "skip": (["--on-duplicate", "skip"], ["--on-duplicate", "skip"]),
            "update": (["--on-duplicate", "update"], ["--on-duplicate", "update"]),
            "skip-invalid": (["--on-duplicate", "skip", "--skip-invalid"],
                             ["--on-duplicate", "skip"]),
        }
        for mode, (import_flags, single_flags) in modes.items():
            with self.subTest(mode=mode):
                bulk, single = self.event(f"bulk-{mode}"), self.event(f"single-{mode}")
                rows = ["Bad Row,not-an-address"] if mode == "skip-invalid" else []
                for slug in (bulk, single):
                    self.scenario(slug, PEOPLE)
                self.ok("register", bulk, "--csv",
                        self.write(f"{bulk}-2.csv", csv_of(PEOPLE, rows)), *import_flags)
                self.one_by_one(single, PEOPLE, *single_flags)
                self.assertEqual(self.attendees(bulk), self.attendees(single))
                self.assertEqual(self.stats(bulk), self.stats(single))
                # Nobody cancelled stays out: the file says they are coming again, so they
                # join the end of the waiting list (three seats, all taken).
                statuses = {a["email"]: a["status"] for a in self.attendees(bulk)}
                self.assertEqual(statuses[PEOPLE[1][1]], "waitlisted")
                self.assertEqual(self.check_database().code, 0)

    def test_the_same_people_as_json_lines_and_a_dry_run(self):
        slug = self.event("jsonl")
        self.scenario(slug, PEOPLE)
        before = (self.attendees(slug), self.stats(slug))
        dry = self.run_convene("register", slug, "--csv", self.write("again.csv", csv_of(PEOPLE)),
                               "--on-duplicate", "skip", "--dry-run")
        self.assertEqual(dry.code, 0, dry.stderr)
        self.assertEqual((self.attendees(slug), self.stats(slug)), before, "a dry run writes nothing")
        self.ok("register", slug, "--jsonl", self.write("again.jsonl", jsonl_of(PEOPLE)),
                "--on-duplicate", "update")
        single = self.event("jsonl-single")
        self.scenario(single, PEOPLE)
        self.one_by_one(single, PEOPLE, "--on-duplicate", "update")
        self.assertEqual(self.attendees(slug), self.attendees(single))

    def test_capacity_changes_between_imports(self):
        slug, single = self.event("moves", capacity=2), self.event("moves-single", capacity=2)
        for s in (slug, single):
            self.scenario(s, PEOPLE)
            self.ok("update-event", s, "--capacity", "4")  # two waiting move up
            self.ok("unregister", s, PEOPLE[0][1])
            self.ok("update-event", s, "--capacity", "1")  # nobody is demoted
        self.ok("register", slug, "--csv", self.write("moves.csv", csv_of(PEOPLE)),
                "--on-duplicate", "skip")
        self.one_by_one(single, PEOPLE, "--on-duplicate", "skip")
        self.assertEqual(self.attendees(slug), self.attendees(single))
        self.assertEqual(self.stats(slug), self.stats(single))


class DatabaseCheck(ConveneTestCase):
    def test_a_sound_database_one_line_and_json(self):
        self.ok("create-event", "--title", "Check", "--slug", "check", "--date", "2030-01-01",
                "--tz", "UTC", "--capacity", "1")
        self.ok("add-agenda-item", "check", "--title", "Opening")
        for name, email in PEOPLE[:3]:
            self.ok("register", "check", "--name", name, "--email", email)
        out = self.ok("db", "check")
        self.assertEqual(len(out.splitlines()), 1)
        self.assertRegex(out, r": no problem found \(1 event, 1 agenda item, 3 registrations, "
                              r"0 sent messages\)\n$")
        report = json.loads(self.ok("db", "check", "--format", "json"))
        self.assertEqual(report["ok"], True)
        self.assertEqual(report["problems"], [])
        self.assertEqual(report["checked"]["registrations"], 3)
        self.assertIn("text or json", self.fails(2, "db", "check", "--format", "csv"))

    @sqlite_only("edits the SQLite file behind convene's back")
    def test_broken_invariants_are_listed_with_exit_6_and_named_on_refused_writes(self):
        self.ok("create-event", "--title", "Check", "--slug", "check", "--date", "2030-01-01",
                "--tz", "UTC", "--capacity", "2")
        for name, email in PEOPLE[:3]:
            self.ok("register", "check", "--name", name, "--email", email)
        self.damaged_on_purpose = True
        self.sqlite("UPDATE registration_count SET n = 0 WHERE status = 'registered';"
                    "UPDATE event SET capacity = 3;")
        result = self.run_convene("db", "check")
        self.assertEqual(result.code, 6, result.stderr)
        self.assertEqual(result.stdout.splitlines(), [
            "counts: event 1: 0 registered kept, 2 rows",
            "waiting list: event 1 (check): 1 waiting while 1 of 3 seats are free"])
        self.assertRegex(result.stderr, r"convene: error: .*convene\.db: 2 problems")
        report = json.loads(self.run_convene("db", "check", "--format", "json").stdout)
        self.assertEqual([p["invariant"] for p in report["problems"]], ["counts", "waiting list"])
        # A write the damage makes fail is called damage, naming what db check found.
        error = self.fails(6, "unregister", "check", PEOPLE[0][1])
        self.assertIn("the database is damaged: counts: event 1", error)

    @sqlite_only("edits the SQLite file behind convene's back")
    def test_an_event_that_ends_before_it_starts_is_damage(self):
        self.ok("create-event", "--title", "Check", "--slug", "check", "--start",
                "2030-01-01T10:00", "--end", "11:00", "--tz", "UTC")
        self.damaged_on_purpose = True
        self.sqlite("PRAGMA ignore_check_constraints = ON;"
                    "UPDATE event SET end_utc = start_utc - 60;")
        self.assertIn("ends before it starts", self.fails(6, "show", "check"))
        self.assertIn("rows: event 1: event 1 ends before it starts",
                      self.run_convene("db", "check").stdout)

    @sqlite_only("edits the SQLite file behind convene's back")
    def test_a_custom_field_missing_from_its_events_names_is_damage(self):
        self.ok("create-event", "--title", "Check", "--slug", "check", "--date", "2030-01-01")
        self.ok("register", "check", "--name", "Ana", "--email", "ana@example.org",
                "--field", "diet=vegan")
        self.assertIn(",diet", self.ok("list", "attendees", "check", "--format", "csv"))
        self.damaged_on_purpose = True
        self.sqlite("DELETE FROM event_field_name;")
        result = self.run_convene("db", "check")
        self.assertEqual(result.code, 6, result.stderr)
        self.assertEqual(result.stdout.splitlines(),
                         ["field names: event 1: custom field 'diet' is not among its names"])

    @sqlite_only("edits the SQLite file behind convene's back")
    def test_custom_fields_that_are_not_pairs_or_give_a_key_twice_are_damage(self):
        self.ok("create-event", "--title", "Check", "--slug", "check", "--date", "2030-01-01")
        self.ok("register", "check", "--name", "Ana", "--email", "ana@example.org",
                "--field", "diet=vegan", "--field", "seat=aisle")
        self.damaged_on_purpose = True
        self.sqlite("""UPDATE registration SET fields = '[["diet","v"],["diet","w"]]';""")
        result = self.run_convene("db", "check")
        self.assertEqual(result.code, 6, result.stderr)
        self.assertEqual(result.stdout.splitlines(),
                         ["rows: registration 1: its custom fields give the same key twice"])
        self.assertIn("its custom fields give the same key twice",
                      self.run_convene("list", "attendees", "check").stderr)

    def sqlite(self, script):
        subprocess.run(["sqlite3", self.path("convene.db")], input=script, text=True, check=True)


class SequenceOnTheFilePath(ConveneTestCase):
    def test_register_unregister_register_never_goes_back(self):
        self.ok("create-event", "--title", "Briefing", "--slug", "b", "--start",
                "2030-04-13T15:00", "--end", "16:00", "--tz", "Europe/Paris")
        self.write("convene.toml", '[organiser]\nname = "Events"\nemail = "events@example.org"\n')
        sequences = []
        for step in ("register", "unregister", "register"):
            if step == "register":
                self.ok("register", "b", "--name", "Ana", "--email", "ana@ejemplo.es")
            else:
                self.ok("unregister", "b", "ana@ejemplo.es")
            ics = self.ok("export-ics", "b", "--attendee", "ana@ejemplo.es")
            method = next(l for l in ics.splitlines() if l.startswith("METHOD:"))
            sequence = next(l for l in ics.splitlines() if l.startswith("SEQUENCE:"))
            sequences.append((method, sequence))
        self.assertEqual(sequences, [("METHOD:REQUEST", "SEQUENCE:0"),
                                     ("METHOD:CANCEL", "SEQUENCE:1"),
                                     ("METHOD:REQUEST", "SEQUENCE:2")])


class NothingWrittenOnFailure(ConveneTestCase):
    def test_create_event_with_stdout_closed_or_full_writes_nothing(self):
        args = [os.environ["CONVENE_BIN"], "create-event", "--title", "Closed", "--slug", "c",
                "--date", "2030-01-01", "--tz", "UTC"]
        closed = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                env=self.env, cwd=self.dir, text=True,
                                preexec_fn=lambda: os.close(1))
        self.assertEqual(closed.returncode, 6, closed.stderr)
        self.assertIn("cannot write to standard output", closed.stderr)
        with open("/dev/full", "w") as full:
            result = subprocess.run(args, stdout=full, stderr=subprocess.PIPE, env=self.env,
                                    cwd=self.dir, text=True)
        self.assertEqual(result.returncode, 6, result.stderr)
        # The rerun is the first one to write: not "exists already".
        self.assertEqual(self.ok(*args[1:]), "c\n")

    def test_add_agenda_item_and_register_with_stdout_full_write_nothing(self):
        self.ok("create-event", "--title", "E", "--slug", "e", "--date", "2030-01-01",
                "--tz", "UTC")
        for args in (["add-agenda-item", "e", "--title", "Opening"],
                     ["register", "e", "--name", "Ana", "--email", "ana@ejemplo.es"]):
            with open("/dev/full", "w") as full:
                result = subprocess.run([os.environ["CONVENE_BIN"], *args], stdout=full,
                                        stderr=subprocess.PIPE, env=self.env, cwd=self.dir)
            self.assertEqual(result.returncode, 6, args)
        self.assertEqual(self.ok("list", "agenda", "e", "--format", "tsv", "--no-header"), "")
        self.assertEqual(self.ok("list", "attendees", "e", "--format", "tsv", "--no-header"), "")


class RerunnableScripts(ConveneTestCase):
    SCRIPT = [
        ["create-event", "--slug", "briefing", "--replace", "--title", "Briefing", "--start",
         "2030-04-13T15:00", "--end", "16:00", "--tz", "Europe/Paris", "--venue", "Salle 1"],
        ["add-agenda-item", "briefing", "--key", "opening", "--title", "Opening", "--speaker",
         "Ana Pérez; Mayor; Ville"],
        ["add-agenda-item", "briefing", "--key", "questions", "--title", "Questions",
         "--point", "Why?", "--start", "+30m", "--duration", "30m"],
    ]

    def run_script(self, script):
        return [self.ok(*command) for command in script]

    def state(self):
        return (json.loads(self.ok("show", "briefing", "--format", "json")),
                self.ok("list", "agenda", "briefing", "--format", "json"),
                self.ok("export-ics", "briefing", "--with-agenda"))

    def test_running_a_setup_script_twice_changes_nothing(self):
        first = self.run_script(self.SCRIPT)
        self.assertEqual(first, ["briefing\n", "1\n", "2\n"])
        before = self.state()
        self.assertEqual(self.run_script(self.SCRIPT), first)
        self.assertEqual(self.state(), before)
        self.assertEqual(before[0]["sequence"], 0)

    def test_a_changed_script_updates_in_place(self):
        self.run_script(self.SCRIPT)
        uids = [l for l in self.state()[2].splitlines() if l.startswith("UID:")]
        changed = [list(c) for c in self.SCRIPT]
        changed[0][changed[0].index("Salle 1")] = "Salle 2"
        changed[2][changed[2].index("Questions")] = "Questions and answers"
        self.run_script(changed)
        show, agenda, ics = self.state()
        self.assertEqual(show["venue"], "Salle 2")
        # A new place is news to calendars, and so is a timed item's new title (its VEVENT
        # carries the event's SEQUENCE).
        self.assertEqual(show["sequence"], 2)
        self.assertEqual([i["title"] for i in json.loads(agenda)],
                         ["Opening", "Questions and answers"])
        self.assertEqual([l for l in ics.splitlines() if l.startswith("UID:")], uids)
        # Without --replace an existing slug is still a conflict.
        self.fails(4, "create-event", "--slug", "briefing", "--title", "Briefing", "--date",
                   "2030-04-13", "--tz", "UTC")
