"""list attendees in every format, read back by the tools scripts use (Python's csv module, jq),
--fields with custom fields, filters, stable order, and the csv → register --csv round trip."""
import csv
import io
import json
import subprocess
import unicodedata
import unittest

from harness import ConveneTestCase
from ics_testing import reply_ics

PEOPLE = [
    # name, email, organisation, language, custom fields
    ("Ana Silva", "ana@example.org", "Cités et Gouvernements Unis (CGLU)", "fr",
     ["--field", "diet=vegan", "--field", "badge=Ana"]),
    ("李小龙", "li@example.org", "北京市", "en", ["--field", "badge=李"]),
    ("Zoë \"Z\" O'Brien", "zoe@example.org", "Org, with comma", "es",
     ["--field", "note=line one\nline two\twith tab"]),
    ("Bob", "bob@example.org", "", "", []),
]


def width(text):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF"
               else 1 for c in text)


class ListAttendeesTest(ConveneTestCase):
    def setUp(self):
        super().setUp()
        _, self.event = self.create_briefing("--capacity", "3")
        for i, (name, email, org, lang, fields) in enumerate(PEOPLE):
            args = ["register", self.event, "--name", name, "--email", email, *fields]
            if org:
                args += ["--organisation", org]
            if lang:
                args += ["--language", lang]
            # One second apart, so the order is by time.
            self.ok(*args, env={"SOURCE_DATE_EPOCH": str(1_700_000_000 + i)})
        self.ok("check-in", self.event, "li@example.org")

    def listing(self, fmt, *extra, event=None, **kwargs):
        return self.ok("list", "attendees", event or self.event, "--format", fmt, *extra, **kwargs)

    def test_table_aligns_by_display_width(self):
        lines = self.listing("table").splitlines()
        self.assertEqual(len(lines), 2 + len(PEOPLE))
        header = lines[0]
        self.assertTrue(header.startswith("name"))
        # Every row's email starts in the same terminal column as the header's "email".
        column = width(header[:header.index("email")])
        for line, (_, email, *_) in zip(lines[2:], PEOPLE):
            self.assertEqual(width(line[:line.index(email)]), column, line)

    def test_tsv_escapes_tabs_and_newlines_and_cuts_cleanly(self):
        lines = self.listing("tsv").splitlines()
        self.assertEqual(len(lines), 1 + len(PEOPLE))
        self.assertEqual([line.split("\t")[1] for line in lines[1:]], [p[1] for p in PEOPLE])
        self.assertIn("line one\\nline two\\twith tab", lines[3])
        cut = subprocess.run(["cut", "-f2"], input=self.listing("tsv", "--no-header"),
                             capture_output=True, text=True, check=True).stdout
        self.assertEqual(cut.splitlines(), [p[1] for p in PEOPLE])

    def test_csv_reads_back_with_pythons_csv_module(self):
        rows = list(csv.DictReader(io.StringIO(self.listing("csv"), newline="")))
        self.assertEqual(list(rows[0].keys()),
                         ["name", "email", "organisation", "language", "status", "registered_at",
                          "checked_in_at", "waitlist_position", "diet", "badge", "note"])
        self.assertEqual([(r["name"], r["organisation"]) for r in rows],
                         [(p[0], p[2]) for p in PEOPLE])
        self.assertEqual(rows[2]["note"], "line one\nline two\twith tab")
        self.assertEqual([r["status"] for r in rows], ["registered"] * 3 + ["waitlisted"])
        self.assertEqual(rows[1]["checked_in_at"], "2023-11-14T22:13:20Z")
        self.assertEqual(rows[0]["registered_at"], "2023-11-14T22:13:20Z")

    def test_json_reads_with_jq(self):
        out = self.listing("json")
        emails = subprocess.run(["jq", "-r", ".[].email"], input=out, capture_output=True,
                                text=True, check=True).stdout
        self.assertEqual(emails.splitlines(), [p[1] for p in PEOPLE])
        people = json.loads(out)
        self.assertIsNone(people[3]["diet"])
        self.assertIsNone(people[0]["checked_in_at"])
        self.assertEqual(people[1]["badge"], "李")
        self.assertEqual(json.loads(self.listing("json", "--status", "cancelled")), [])

    def test_jsonl_is_one_object_per_line(self):
        lines = self.listing("jsonl", "--fields", "id,email,badge").splitlines()
        objects = [json.loads(line) for line in lines]
        self.assertEqual([o["email"] for o in objects], [p[1] for p in PEOPLE])
        self.assertEqual([type(o["id"]) for o in objects], [int] * len(PEOPLE))
        self.assertEqual(objects[0]["badge"], "Ana")

    def test_fields_pick_and_order_columns_including_custom_ones(self):
        out = self.listing("csv", "--fields", "email,diet,name", "--no-header")
        self.assertEqual(out.splitlines()[0], "ana@example.org,vegan,Ana Silva")
        self.assertIn("no field 'diett'", self.fails(2, "list", "attendees", self.event,
                                                     "--fields", "email,diett"))
        self.fails(2, "list", "attendees", self.event, "--fields", "email,email")

    def test_filters(self):
        def emails(*extra):
            return self.listing("tsv", "--fields", "email", "--no-header", *extra).split()
        self.assertEqual(emails("--status", "waitlisted"), ["bob@example.org"])
        self.assertEqual(emails("--language", "FR"), ["ana@example.org"])
        self.assertEqual(emails("--checked-in"), ["li@example.org"])
        self.assertEqual(len(emails("--not-checked-in")), 3)
        self.fails(2, "list", "attendees", self.event, "--status", "maybe")
        self.fails(2, "list", "attendees", self.event, "--language", "de")

    def test_reply_filter_picks_the_registered_by_their_answer(self):
        uid = json.loads(self.ok("show", self.event, "--format", "json"))["uid"]
        self.ok("rsvp", self.event, input=reply_ics(uid, "ana@example.org", "ACCEPTED"))
        self.ok("rsvp", self.event, input=reply_ics(uid, "li@example.org", "DECLINED"))

        def emails(*extra):
            return self.listing("tsv", "--fields", "email", "--no-header", *extra).split()
        self.assertEqual(emails("--reply", "accepted"), ["ana@example.org"])
        self.assertEqual(emails("--reply", "declined"), ["li@example.org"])
        self.assertEqual(emails("--reply", "tentative"), [])
        # No answer: zoe, who has a seat; bob waits and was never invited.
        self.assertEqual(emails("--reply", "none"), ["zoe@example.org"])
        self.assertEqual(emails("--reply", "none", "--status", "waitlisted"), ["bob@example.org"])
        self.assertEqual(emails("--reply", "none", "--language", "en"), [])
        rows = json.loads(self.listing("json", "--fields", "email,reply", "--reply", "declined"))
        self.assertEqual(rows, [{"email": "li@example.org", "reply": "declined"}])
        # The same people stats counts.
        stats = json.loads(self.ok("stats", self.event, "--format", "json"))
        counts = {r["value"]: r["count"] for r in stats if r["figure"] == "reply"}
        for answer in ("accepted", "declined", "tentative", "none"):
            self.assertEqual(counts[answer], len(emails("--reply", answer)), answer)

    def test_an_unknown_reply_is_one_line_and_exit_2(self):
        result = self.run_convene("list", "attendees", self.event, "--reply", "maybe")
        self.assertEqual(result.code, 2)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr.splitlines(), [
            "convene: error: --reply: unknown reply 'maybe' (use accepted, declined, tentative, "
            "delegated or none)"])

    def test_stable_order_by_time_then_id(self):
        # Same time for everyone: the order of registration (id) decides.
        self.ok("create-event", "--title", "Same second", "--slug", "same", "--start",
                "2024-01-01T10:00", "--end", "11:00", "--tz", "UTC")
        for name in ["c", "a", "b"]:
            self.ok("register", "same", "--name", name, "--email", f"{name}@example.org")
        first = self.listing("tsv", "--fields", "name", "--no-header", event="same")
        self.assertEqual(first.split(), ["c", "a", "b"])
        again = self.listing("tsv", "--fields", "name", "--no-header", event="same")
        self.assertEqual(again, first)

    def test_a_long_list_pairs_each_row_with_its_fields(self):
        # More rows than PostgreSQL fetches at a time (5,000), and fields on one row in three,
        # so that the rows and the fields, read by two cursors, cross batches apart.
        slug = self.ok("create-event", "--title", "Long", "--slug", "long", "--date",
                       "2024-01-01").strip()
        rows = [(f"P {i}", f"p{i}@example.org", f"d{i}" if i % 3 == 0 else "")
                for i in range(12_000)]
        text = "name,email,diet\n" + "".join(f"{n},{e},{d}\n" for n, e, d in rows)
        self.ok("--quiet", "register", slug, "--csv", self.write("long.csv", text))
        listed = list(csv.reader(io.StringIO(self.listing("csv", "--fields", "name,email,diet",
                                                          event=slug))))
        self.assertEqual(listed[0], ["name", "email", "diet"])
        self.assertEqual([tuple(row) for row in listed[1:]], rows)

    def field_names(self):
        return sorted(self.store_sql("SELECT key FROM event_field_name").split())

    def test_a_field_nobody_has_any_more_is_no_column(self):
        header = self.listing("csv").splitlines()[0]
        self.assertTrue(header.endswith(",diet,badge,note"), header)
        # Ana alone has a diet: forgotten, she takes the name with her. Her badge stays, Li
        # has one too. A name left without fields (here by hand) names no column either.
        self.ok("forget", self.event, "ana@example.org")
        header = self.listing("csv").splitlines()[0]
        self.assertTrue(header.endswith(",badge,note"), header)
        self.assertEqual(self.field_names(), ["badge", "note"])
        self.assertNotIn(b"diet", self.stored_bytes())  # nor in the store's free space
        self.store_sql("INSERT INTO event_field_name (event_id, key) VALUES (1, 'gone')")
        self.assertEqual(self.listing("csv").splitlines()[0], header)
        self.assertEqual(self.listing("csv", "--fields", "email,badge", "--no-header").count("\n"),
                         len(PEOPLE) - 1)

    def test_csv_round_trips_through_register_csv(self):
        self.ok("unregister", self.event, "zoe@example.org")  # bob is promoted
        self.ok("register", self.event, "--name", "Late", "--email", "late@example.org",
                env={"SOURCE_DATE_EPOCH": "1700000100"})
        original = self.listing("csv")
        path = self.write("attendees.csv", original)
        # Into another event with the same capacity in this database, and into a new database.
        self.ok("create-event", "--title", "Copy", "--slug", "copy", "--start", "2024-01-01T10:00",
                "--end", "11:00", "--tz", "UTC", "--languages", "en,fr,es", "--capacity", "3")
        self.ok("register", "copy", "--csv", path)
        self.assertEqual(self.listing("csv", event="copy"), original)

        other_db = ["--db", self.other_store()]
        self.ok(*other_db, "create-event", "--title", "Copy", "--slug", "copy", "--start",
                "2024-01-01T10:00", "--end", "11:00", "--tz", "UTC", "--languages", "en,fr,es",
                "--capacity", "3")
        self.ok(*other_db, "register", "copy", "--csv", "-", input=original)
        self.assertEqual(self.ok(*other_db, "list", "attendees", "copy", "--format", "csv"),
                         original)
        # JSON Lines round-trips the same way.
        self.ok("create-event", "--title", "Copy 2", "--slug", "copy2", "--start",
                "2024-01-01T10:00", "--end", "11:00", "--tz", "UTC", "--languages", "en,fr,es",
                "--capacity", "3")
        self.ok("register", "copy2", "--jsonl", "-", input=self.listing("jsonl"))
        self.assertEqual(self.listing("csv", event="copy2"), original)


if __name__ == "__main__":
    unittest.main()
