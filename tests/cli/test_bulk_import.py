"""register --csv / --jsonl: thousands of rows in one transaction, all or nothing by default,
--skip-invalid, --dry-run, stdin, and the CSV details (quotes, newlines, BOM, CRLF)."""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import unittest

from harness import BIN, ConveneTestCase, sqlite_only

ROWS = 10_000


def people_csv(rows=ROWS, bad_lines=(), header=("name", "email", "organisation", "diet"),
               line_end="\n"):
    """A CSV file of `rows` people; the rows at the given file lines have an invalid email."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=line_end)
    writer.writerow(header)
    for i in range(rows):
        line = i + 2  # the header is line 1 and no field holds a line break
        email = "not-an-email" if line in bad_lines else f"person{i}@example.org"
        writer.writerow([f"Person {i}", email, f"Org, {i % 7} \"quoted\"",
                         "vegan" if i % 3 else ""])
    return out.getvalue()


class BulkImportTest(ConveneTestCase):
    def setUp(self):
        super().setUp()
        _, self.event = self.create_briefing()
        # People already there, to see that a failed import leaves them alone.
        for n in range(3):
            self.ok("register", self.event, "--name", f"Early {n}", "--email",
                    f"early{n}@example.org")

    def count(self, *extra):
        out = self.ok("list", "attendees", self.event, "--format", "jsonl", *extra)
        return len(out.splitlines())

    def summary(self, stderr):
        lines = [line for line in stderr.splitlines() if re.search(r" rows?: ", line)]
        self.assertEqual(len(lines), 1, stderr)
        return lines[0]

    def test_ten_thousand_rows_in_one_go(self):
        path = self.write("people.csv", people_csv())
        result = self.run_convene("register", self.event, "--csv", path)
        self.assertEqual(result.code, 0, result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertIn(f"{ROWS} rows: {ROWS} added (0 waitlisted)", self.summary(result.stderr))
        # Not a terminal: no progress, only the summary.
        self.assertEqual(len(result.stderr.splitlines()), 1, result.stderr)
        self.assertEqual(self.count(), ROWS + 3)
        last = json.loads(self.ok("list", "attendees", self.event, "--format", "jsonl")
                          .splitlines()[-1])
        self.assertEqual(last["email"], f"person{ROWS - 1}@example.org")
        self.assertEqual(last["organisation"], f'Org, {(ROWS - 1) % 7} "quoted"')

    def test_a_bad_row_rejects_the_file_and_writes_nothing(self):
        path = self.write("people.csv", people_csv(bad_lines={5000}))
        error = self.fails(5, "register", self.event, "--csv", path)
        self.assertIn("people.csv:5000: 'not-an-email' is not an email address", error)
        self.assertEqual(self.count(), 3)

    def test_skip_invalid_imports_the_rest_and_names_each_bad_line(self):
        path = self.write("people.csv", people_csv(bad_lines={5000, 7001}))
        result = self.run_convene("register", self.event, "--csv", path, "--skip-invalid")
        self.assertEqual(result.code, 0, result.stderr)
        warnings = [line for line in result.stderr.splitlines() if "warning" in line]
        self.assertEqual(len(warnings), 2, result.stderr)
        self.assertIn("people.csv:5000: 'not-an-email'", warnings[0])
        self.assertIn("people.csv:7001: 'not-an-email'", warnings[1])
        self.assertIn(f"{ROWS - 2} added", self.summary(result.stderr))
        self.assertIn("2 invalid skipped", self.summary(result.stderr))
        self.assertEqual(self.count(), ROWS - 2 + 3)

    def test_a_file_that_breaks_after_a_bad_row_is_refused_for_the_break(self):
        # Rows are placed a window at a time: the row skipped before the break is still set
        # aside as when it was read, and the refusal names the line that cannot be read.
        path = self.write("broken.csv", "name,email\nAna,ana@example.org\nBad,not-an-email\n"
                                        "Bo,bo@example.org\nCy,c\"y@example.org\n"
                                        "Di,di@example.org\n")
        result = self.run_convene("register", self.event, "--csv", path, "--skip-invalid")
        self.assertEqual(result.code, 5, result.stderr)
        lines = result.stderr.splitlines()
        self.assertIn("broken.csv:3: 'not-an-email'", lines[0])
        self.assertIn("warning", lines[0])
        self.assertIn("error: ", lines[1])
        self.assertIn("broken.csv:5: misplaced '\"'", lines[1])
        self.assertEqual(self.count(), 3)

    def test_dry_run_checks_and_writes_nothing(self):
        path = self.write("people.csv", people_csv(rows=500))
        result = self.run_convene("register", self.event, "--csv", path, "--dry-run")
        self.assertEqual(result.code, 0, result.stderr)
        self.assertIn("dry run, nothing written", self.summary(result.stderr))
        self.assertIn("500 added", self.summary(result.stderr))
        self.assertEqual(self.count(), 3)
        bad = self.write("bad.csv", people_csv(rows=500, bad_lines={300}))
        # --quiet: without it, a dry run also notes which column gives which field.
        self.assertIn("bad.csv:300:",
                      self.fails(5, "--quiet", "register", self.event, "--csv", bad, "--dry-run"))
        self.assertIn('column: email ← "email"', result.stderr)

    def test_capacity_applies_row_by_row(self):
        self.ok("update-event", self.event, "--capacity", "10")
        path = self.write("people.csv", people_csv(rows=20))
        result = self.run_convene("register", self.event, "--csv", path)
        self.assertIn("20 added (13 waitlisted)", self.summary(result.stderr))
        self.assertEqual(self.count("--status", "waitlisted"), 13)
        error = self.fails(4, "register", self.event, "--csv",
                           self.write("more.csv", "name,email\nZ,z@example.org\n"), "--no-waitlist")
        self.assertIn("more.csv:2: ", error)

    def test_duplicates_in_the_file_or_the_database(self):
        path = self.write("dup.csv", "name,email\nNew,new@example.org\nAgain,EARLY1@example.org\n")
        self.assertIn("dup.csv:3: EARLY1@example.org is already registered",
                      self.fails(4, "register", self.event, "--csv", path))
        self.assertEqual(self.count(), 3)
        # Twice in the file: the earlier line is named, not the id of a row rolled back.
        twice = self.write("twice.csv", "name,email,organisation\nAna,ana@example.org,X\n"
                                        'Bo,bo@example.org,"Ville\nService"\n'
                                        "Ana again,ANA@example.org,Y\n")
        self.assertEqual(self.fails(4, "register", self.event, "--csv", twice),
                         f"convene: error: {twice}:5: ANA@example.org is already registered for "
                         f"{self.event} (line 2 of this file)")
        self.assertEqual(self.count(), 3)
        result = self.run_convene("register", self.event, "--csv", twice, "--skip-invalid")
        self.assertIn(f"{twice}:5: ANA@example.org is already registered for {self.event} "
                      "(line 2 of this file) (row skipped)", result.stderr)
        self.assertEqual(self.count(), 5)
        lines = "".join(json.dumps({"name": n, "email": e}) + "\n" for n, e in
                        (("C", "c@example.org"), ("D", "d@example.org"), ("C", "c@example.org")))
        self.assertIn("<stdin>:3: c@example.org is already registered for "
                      f"{self.event} (line 1 of this file)",
                      self.fails(4, "register", self.event, "--jsonl", "-", input=lines))
        result = self.run_convene("register", self.event, "--csv", path, "--on-duplicate", "skip")
        self.assertIn("1 added (0 waitlisted), 0 updated, 1 duplicate skipped",
                      self.summary(result.stderr))
        result = self.run_convene("register", self.event, "--csv", path, "--on-duplicate", "update")
        self.assertIn("0 added (0 waitlisted), 2 updated", self.summary(result.stderr))
        names = self.ok("list", "attendees", self.event, "--fields", "name", "--no-header")
        self.assertIn("Again\n", names)

    def test_a_duplicate_after_records_on_several_lines_names_the_right_line(self):
        # One record in three holds line breaks (one or two), and some lines add nothing (an
        # empty row): the line named is the one that added the address, however far back, in
        # the rows still held or in those written already (PostgreSQL writes 5,000 at a time,
        # and then asks the database about an address its filter says may be taken).
        text, line, first_line = "name,email,organisation\n", 2, {}
        for i in range(6000):
            if i % 11 == 5:
                text += ",,\n"
                line += 1
            first_line[i] = line
            breaks = (i % 3 == 0) + (i % 6 == 0)
            text += f"P {i},p{i}@example.org,\"Org{chr(10) * breaks}{i}\"\n"
            line += 1 + breaks
        for earlier in (0, 511, 1024, 4999, 5999):
            with self.subTest(earlier=earlier):
                path = self.write(f"again{earlier}.csv",
                                  text + f"Again,P{earlier}@Example.org,X\n")
                self.assertEqual(self.fails(4, "register", self.event, "--csv", path),
                                 f"convene: error: {path}:{line}: P{earlier}@Example.org is "
                                 f"already registered for {self.event} "
                                 f"(line {first_line[earlier]} of this file)")

    def test_cancelled_then_again_in_one_file(self):
        # A line renews a row the import holds, or one stored before: the bulk writer lets the
        # address go with the row it replaces, takes it again, and keeps the counts true (the
        # harness's `db check` compares them with the rows).
        self.ok("unregister", self.event, "early0@example.org")
        path = self.write("again.csv", "name,email,status\nAna,ana@example.org,cancelled\n"
                                       "Bo,bo@example.org,\nAna,ANA@example.org,\n"
                                       "Early,early0@example.org,\nAna,ana@example.org,\n")
        result = self.run_convene("register", self.event, "--csv", path,
                                  "--on-duplicate", "skip")
        self.assertIn("4 added (0 waitlisted), 0 updated, 1 duplicate skipped",
                      self.summary(result.stderr))
        people = [json.loads(line) for line in self.ok(
            "list", "attendees", self.event, "--format", "jsonl").splitlines()]
        self.assertEqual([(p["email"], p["status"]) for p in people],
                         [("early1@example.org", "registered"),
                          ("early2@example.org", "registered"),
                          ("bo@example.org", "registered"),
                          ("ANA@example.org", "registered"),
                          ("early0@example.org", "registered")])

    def test_a_renewed_row_keeps_its_place_in_the_file(self):
        # The row of a cancelled person renewed by the file takes its place in the file's
        # order, before the rows after it, on the waiting list as anywhere: on PostgreSQL its
        # id is one reserved for the held rows, not one the sequence gives after them.
        self.ok("update-event", self.event, "--capacity", "3")
        self.ok("unregister", self.event, "early0@example.org")
        path = self.write("renew.csv", "name,email\nAna,ana@example.org\n"
                                       "Early,early0@example.org\nBo,bo@example.org\n")
        self.ok("--quiet", "register", self.event, "--csv", path, "--on-duplicate", "update")
        people = [json.loads(line) for line in self.ok(
            "list", "attendees", self.event, "--status", "waitlisted", "--format",
            "jsonl").splitlines()]
        self.assertEqual([(p["email"], p["waitlist_position"]) for p in people],
                         [("early0@example.org", 1), ("bo@example.org", 2)])

    def test_counts_read_as_english(self):
        result = self.run_convene("register", self.event, "--csv",
                                  self.write("one.csv", "name,email\nOne,one@example.org\n"))
        self.assertIn("one.csv: 1 row: 1 added (0 waitlisted), 0 updated, 0 duplicates skipped",
                      self.summary(result.stderr))
        self.assertNotIn("(s)", result.stderr)

    def test_jsonl_from_stdin(self):
        lines = [json.dumps({"name": f"P{i}", "email": f"p{i}@example.org", "language": "ES",
                             "tickets": i}) for i in range(50)]
        result = self.run_convene("register", self.event, "--jsonl", "-",
                                  input="\n".join(lines) + "\n")
        self.assertEqual(result.code, 0, result.stderr)
        self.assertIn("<stdin>: 50 rows: 50 added", self.summary(result.stderr))
        rows = [json.loads(l) for l in self.ok("list", "attendees", self.event, "--format",
                                              "jsonl", "--language", "es").splitlines()]
        self.assertEqual(len(rows), 50)
        self.assertEqual(rows[49]["tickets"], "49")
        error = self.fails(5, "register", self.event, "--jsonl", "-",
                           input='{"name":"A","email":"a@example.org"}\n{"name":"B"\n')
        self.assertIn("<stdin>:2: invalid JSON", error)

    def test_a_closed_stdin_is_an_error_not_an_empty_file(self):
        for args in (["register", self.event, "--csv", "-"],
                     ["register", self.event, "--jsonl", "-"],
                     ["update-event", self.event, "--description", "-"],
                     ["create-event", "--from", "-"],
                     ["rsvp", self.event]):
            with self.subTest(args=args):
                proc = subprocess.run(["sh", "-c", 'exec "$@" <&-', "sh", BIN, *args],
                                      capture_output=True, text=True, env=self.env, cwd=self.dir,
                                      timeout=300)
                self.assertEqual(proc.returncode, 2, proc.stderr)
                self.assertEqual(proc.stderr.splitlines(), [
                    "convene: error: cannot read <stdin>: standard input is closed",
                    "convene: hint: give a file name instead of -, or redirect one: < FILE"])
        self.assertEqual(self.count(), 3)
        self.assertIsNone(json.loads(self.ok("show", self.event, "--format",
                                             "json"))["description"])

    def test_a_mistyped_file_name_gets_the_near_one(self):
        self.write("inscrits.csv", "name,email\nA,a@example.org\n")
        os.mkdir(self.path("data"))
        self.write("data/people.jsonl", "")
        for typed, near in (("inscrits.cvs", "inscrits.csv"),
                            (self.path("Inscrits.csv"), self.path("inscrits.csv")),
                            ("data/poeple.jsonl", "data/people.jsonl")):
            with self.subTest(typed=typed):
                result = self.run_convene("register", self.event, "--csv", typed)
                self.assertEqual(result.code, 2)
                self.assertEqual(result.stderr.splitlines(), [
                    f"convene: error: cannot read {typed}: No such file or directory",
                    f"convene: hint: did you mean '{near}'?"])
        result = self.run_convene("register", self.event, "--csv", "zzz.csv")
        self.assertEqual(result.stderr.splitlines(),
                         ["convene: error: cannot read zzz.csv: No such file or directory"])
        self.assertIn("convene: hint: did you mean 'inscrits.csv'?",
                      self.run_convene("update-event", self.event, "--description",
                                       "@inscrits.cvs").stderr)

    def test_quoted_newlines_bom_and_crlf(self):
        content = ("\ufeffname,email,Address\r\n"
                   "\"Ana \"\"la\"\" Silva\",ana@example.org,"
                   "\"1 rue de la Paix\r\n75002 Paris\"\r\n"
                   "李小龙,li@example.org,\"a, b\"\r\n")
        path = self.write("excel.csv", content.encode("utf-8"), mode="wb")
        self.ok("register", self.event, "--csv", path)
        rows = json.loads(self.ok("list", "attendees", self.event, "--format", "json",
                                  "--status", "registered"))[3:]
        self.assertEqual([(r["name"], r["email"], r["Address"]) for r in rows],
                         [('Ana "la" Silva', "ana@example.org", "1 rue de la Paix\r\n75002 Paris"),
                          ("李小龙", "li@example.org", "a, b")])

    def test_bad_files_name_file_and_line(self):
        cases = [
            ("ragged.csv", "name,email\nA,a@example.org\nB\n", "ragged.csv:3: expected 2 fields"),
            ("nomail.csv", "name,contact\nA,a@example.org\n",
             "nomail.csv:1: the header has no email column"),
            ("lang.csv", "name,email,language\nA,a@example.org,de\n",
             "lang.csv:2: language 'de' is not one of the event's languages"),
            ("status.csv", "name,email,status\nA,a@example.org,maybe\n", "status.csv:2: status"),
            ("empty.csv", "", "empty.csv:1: no header row"),
            # UTF-8 first, then a Latin-1 byte: a broken file, not one in another encoding.
            ("mixed.csv", "name,email\nZo\xc3\xab,z@example.org\nJos\xe9,j@example.org\n",
             "mixed.csv:3: column 1 (\"name\") is not valid UTF-8"),
        ]
        for name, content, expected in cases:
            with self.subTest(name):
                data = content.encode("latin-1") if name == "mixed.csv" else content.encode()
                path = self.write(name, data, mode="wb")
                self.assertIn(expected, self.fails(5, "register", self.event, "--csv", path))
        self.assertEqual(self.count(), 3)
        self.fails(2, "register", self.event, "--csv", self.path("missing.csv"))

    def test_a_column_named_twice_is_kept_apart(self):
        # pretix names the attendee's and the invoice address's company "Company" both.
        path = self.write("twice.csv", "name,email,Company,City,Company\n"
                                       "Ana,ana@example.org,Ville de Lyon,Lyon,Invoicing Ltd\n")
        self.ok("register", self.event, "--csv", path)
        rows = [json.loads(l) for l in self.ok("list", "attendees", self.event, "--format",
                                               "jsonl").splitlines()]
        ana = next(r for r in rows if r["email"] == "ana@example.org")
        self.assertEqual((ana["organisation"], ana["City"], ana["Company (2)"]),
                         ("Ville de Lyon", "Lyon", "Invoicing Ltd"))

    def test_unknown_columns_become_fields_or_are_dropped(self):
        path = self.write("extra.csv", "name,email,Diet\nA,a@example.org,vegan\n")
        self.ok("register", self.event, "--csv", path)
        other = self.write("b.csv", "name,email,Diet\nB,b@example.org,x\n")
        self.ok("register", self.event, "--csv", other, "--ignore-unknown-columns")
        rows = [json.loads(l) for l in self.ok("list", "attendees", self.event, "--format", "jsonl",
                                              "--fields", "email,Diet").splitlines()]
        self.assertEqual(rows[3:], [{"email": "a@example.org", "Diet": "vegan"},
                                    {"email": "b@example.org", "Diet": None}])

    def test_an_import_names_its_fields_as_single_registrations_do(self):
        # The bulk writer names the fields itself, its engine's trigger being off while it
        # writes: those of new rows, of rows it updates; one registration afterwards is named
        # by the trigger again.
        self.ok("register", self.event, "--csv",
                self.write("a.csv", "name,email,diet\nA,a@example.org,vegan\n"))
        self.ok("register", self.event, "--on-duplicate", "update", "--csv",
                self.write("b.csv", "name,email,seat\nA,a@example.org,aisle\n"
                                    "B,b@example.org,\nC,c@example.org,window\n"))
        self.ok("register", self.event, "--name", "D", "--email", "d@example.org",
                "--field", "badge=x")
        self.assertEqual(sorted(self.store_sql("SELECT key FROM event_field_name").split()),
                         ["badge", "diet", "seat"])
        header = self.ok("list", "attendees", self.event, "--format", "csv").splitlines()[0]
        self.assertTrue(header.endswith(",diet,seat,badge"), header)  # an update merges

    def test_usage_mistakes(self):
        path = self.write("p.csv", "name,email\n")
        self.fails(2, "register", self.event, "--csv", path, "--email", "a@example.org")
        self.fails(2, "register", self.event, "--csv", path, "--jsonl", path)
        self.fails(2, "register", self.event, "--name", "A", "--email", "a@example.org",
                   "--skip-invalid")
        self.ok("cancel-event", self.event)
        self.fails(4, "register", self.event, "--csv", path)


@sqlite_only("the journal of a statement is SQLite's")
@unittest.skipIf(shutil.which("strace") is None, "strace is not installed")
class ImportFilesTest(ConveneTestCase):
    def test_an_import_writes_no_temporary_file(self):
        """An import writes fifty rows per INSERT, and SQLite keeps what each INSERT changed
        (to undo that statement alone) in memory only up to a limit, then in a temporary file
        under /var/tmp: a disk write per page, on a disk the organiser did not choose. convene
        raises the limit above what a batch changes."""
        _, event = self.create_briefing()
        # Addresses in no order, as people sign up: each batch lands on its own pages of the
        # index of addresses (in file order, fifty rows share a few pages).
        lines = ["name,email"] + [f"Person {i},{i * 2654435761 % 2**32:08x}.{i}@example.org"
                                  for i in range(5000)]
        path = self.write("people.csv", "\n".join(lines) + "\n")
        calls = self.file_calls("--quiet", "register", event, "--csv", path)
        self.assertEqual([call for call in calls if "etilqs_" in call], [])  # SQLite's names


if __name__ == "__main__":
    unittest.main()
