"""What only the PostgreSQL store has (issue 16), against a real PostgreSQL 15 that
postgres_server.py starts: registrations from several processes at once against a capacity,
two `send` runs at once, `db copy` between SQLite and PostgreSQL and back, `db init` and schema
versions, connection failures and a connection cut in the middle of an import. The same copy
between two SQLite files needs no server and runs here too (SqliteCopy).

The shared behaviour of every command is tested on both stores by the other test files (ctest's
`cli-pg: NAME` entries); these run in the `cli: test_postgres` entry and skip when PostgreSQL is
not installed."""
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

import postgres_server
from pg_wire_counter import WireCounter
from harness import BIN, POSTGRESQL, SANITIZED, ConveneTestCase
from ics_testing import ORGANISER_TOML
from test_rsvp import reply_ics
from test_send import free_port, start_sink

try:
    from aiosmtpd.controller import Controller
except ImportError:  # reported as skipped below
    Controller = None

# pg_advisory_xact_lock's key for convene's writers (k_writer_lock, postgres_connection.cpp).
WRITER_LOCK = 0x636f6e76656e65
REASON = postgres_server.why_unavailable()
postgres_server.announce_skip(REASON)
# 1000 processes racing; under the sanitizers, where each starts several times slower, 160 race
# for the same seats (the same contention for the lock, over fewer rounds).
CAPACITY, PROCESSES, EACH = (100, 4, 250) if not SANITIZED else (30, 4, 40)
ATTENDEE_FIELDS = ("name,email,organisation,language,status,registered_at,checked_in_at,"
                   "waitlist_position,diet,badge,sent_method,sent_sequence,sent_at,reply")


def without_ids(value):
    """JSON with every "id" left out: a copy keeps UIDs, sequences and times, not row ids."""
    if isinstance(value, dict):
        return {k: without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    return value


@unittest.skipIf(REASON, REASON)
class PostgresTestCase(ConveneTestCase):
    """Every command goes to a fresh PostgreSQL database with the schema (CONVENE_DB)."""

    def setUp(self):
        super().setUp()
        self.server = postgres_server.server()
        if not POSTGRESQL:
            self.env["CONVENE_DB"] = self.postgres_database()
        self.db = self.env["CONVENE_DB"]

    def psql(self, sql, url=None):
        return self.server.psql(url or self.db, sql)

    def refused(self, code, *args, env=None):
        """Runs convene, asserts exit `code`, nothing on stdout, one error line on stderr and
        otherwise hints only; returns the whole stderr."""
        result = self.run_convene(*args, env=env)
        self.assertEqual(result.code, code, result.stderr)
        self.assertEqual(result.stdout, "")
        lines = result.stderr.splitlines()
        self.assertEqual(len([line for line in lines if line.startswith("convene: error: ")]), 1,
                         result.stderr)
        self.assertEqual([line for line in lines
                          if not line.startswith(("convene: error: ", "convene: hint: "))], [],
                         result.stderr)
        return result.stderr

    def lists_on_both_stores(self, capacity, forms, after_import):
        """people.csv imported into an event "same" on a new SQLite file (same.db) and on this
        test's PostgreSQL, then after_import(env) on each; the lists in each form, by store."""
        outputs = {}
        for store in (self.path("same.db"), self.db):
            env = {"CONVENE_DB": store, "SOURCE_DATE_EPOCH": "1700000000"}
            if store != self.db:
                self.ok("db", "init", env=env)
            self.ok("create-event", "--title", "Same", "--slug", "same", "--date", "2024-01-01",
                    "--capacity", str(capacity), env=env)
            self.ok("register", "same", "--csv", "people.csv", env=env)
            after_import(env)
            for form in forms:
                outputs[store, form] = self.ok("list", "attendees", "same", "--format", form,
                                               "--wide", env=env)
        return outputs


class Concurrency(PostgresTestCase):
    def test_four_processes_registering_at_once_keep_capacity_and_waiting_order(self):
        self.ok("create-event", "--title", "Crowded", "--slug", "crowded", "--start",
                "2024-01-01T10:00", "--end", "11:00", "--tz", "UTC", "--capacity", str(CAPACITY))
        # Each process registers its people one `convene register` after the other, all four
        # processes at the same time: 1000 connections, each its own transaction.
        script = ('for i in $(seq -w 1 "$2"); do "$BIN" register crowded --name "P $1 $i" '
                  '--email "p$1-$i@example.org" >/dev/null 2>>"$3" || exit 1; done')
        env = dict(self.env, BIN=BIN)
        procs = []
        for n in range(PROCESSES):
            log = self.path(f"stderr-{n}")
            procs.append(subprocess.Popen(["bash", "-c", script, "w", str(n), str(EACH), log],
                                          cwd=self.dir, env=env))
        codes = [p.wait(timeout=500) for p in procs]
        errors = ""
        for n in range(PROCESSES):
            with open(self.path(f"stderr-{n}"), encoding="utf-8") as f:
                errors += f.read()
        self.assertEqual(codes, [0] * PROCESSES, errors[-2000:])
        self.assertNotIn("error", errors)

        rows = json.loads(self.ok("list", "attendees", "crowded", "--format", "json",
                                  "--fields", "id,email,status,waitlist_position"))
        self.assertEqual(len(rows), PROCESSES * EACH)
        registered = [r for r in rows if r["status"] == "registered"]
        waiting = sorted((r for r in rows if r["status"] == "waitlisted"), key=lambda r: r["id"])
        self.assertEqual(len(registered), CAPACITY)
        self.assertEqual(len(waiting), PROCESSES * EACH - CAPACITY)
        # The first CAPACITY to register got the seats; the waiting list is in registration
        # order, numbered from 1 without gaps or repeats.
        self.assertLess(max(r["id"] for r in registered), min(r["id"] for r in waiting))
        self.assertEqual([r["waitlist_position"] for r in waiting],
                         list(range(1, len(waiting) + 1)))
        self.assertTrue(all(r["waitlist_position"] is None for r in registered))
        # Each process's people in the order that process registered them.
        for n in range(PROCESSES):
            mine = [r["email"] for r in sorted(rows, key=lambda r: r["id"])
                    if r["email"].startswith(f"p{n}-")]
            width = len(str(EACH))  # `seq -w` pads to the widest number
            self.assertEqual(mine, [f"p{n}-{i:0{width}}@example.org" for i in range(1, EACH + 1)])
        figures = {f["figure"]: f["count"] for f in
                   json.loads(self.ok("stats", "crowded", "--format", "json"))}
        self.assertEqual((figures["taken"], figures["free"], figures["waiting"]),
                         (CAPACITY, 0, PROCESSES * EACH - CAPACITY))


@unittest.skipIf(Controller is None, "python3-aiosmtpd is not installed")
class ConcurrentSend(PostgresTestCase):
    def setUp(self):
        super().setUp()
        self.sink, self.port = start_sink(self)
        self.write("convene.toml",
                   ORGANISER_TOML + f'[mail]\nsmtp_url = "smtp://127.0.0.1:{self.port}"\n')

    def recipients(self):
        return [rcpt.lower() for rcpts, _ in self.sink.received() for rcpt in rcpts]

    def test_two_sends_at_once_deliver_each_message_once(self):
        _, slug = self.create_briefing()
        people = [f"person{i:02}@example.org" for i in range(40)]
        self.ok("register", slug, "--csv", "-",
                input="name,email\n" + "".join(f"Person {i},{e}\n" for i, e in
                                               enumerate(people)))
        self.sink.delay = 0.05  # two seconds of sending: the two runs overlap
        procs = [subprocess.Popen([BIN, "send", slug], env=self.env, cwd=self.dir,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for _ in range(2)]
        outputs = [p.communicate(timeout=300) for p in procs]
        for proc, (_, err) in zip(procs, outputs):
            self.assertEqual(proc.returncode, 0, err.decode())
        self.assertEqual(sorted(self.recipients()), people, "each person got one message")
        sent = 0
        for _, err in outputs:
            match = re.search(r"sent (\d+) invitations? and", err.decode())
            sent += int(match.group(1)) if match else 0
        self.assertEqual(sent, len(people), "the two runs together report every message once")
        ledger = json.loads(self.ok("list", "attendees", slug, "--format", "json", "--fields",
                                    "email,sent_method,sent_sequence"))
        self.assertEqual({(r["sent_method"], r["sent_sequence"]) for r in ledger},
                         {("REQUEST", 0)})
        # Nothing left to send.
        self.ok("send", slug)
        self.assertEqual(len(self.sink.received()), len(people))


class CopyScenario:
    """An event with everything an event holds, and all that convene says about it."""

    def at(self, store, *args, **kwargs):
        """Runs convene against `store` (a SQLite path or a URL); stdout."""
        return self.ok(*args, env={"CONVENE_DB": store}, **kwargs)

    def build(self, store):
        """The seed's briefing in `store` with an agenda, registrations with custom fields, a
        waiting list, a cancellation, a check-in, a reply, a sent ledger and a later change."""
        own = self.env.get("CONVENE_DB")
        self.env["CONVENE_DB"] = store
        try:
            self.ok("db", "init")
            parent, slug = self.create_briefing("--capacity", "3", "--description",
                                                "Contexte\nEn 2018, …")
            self.ok("add-agenda-item", slug, "--title", "Détails techniques", "--duration", "5m")
            self.ok("add-agenda-item", slug, "--title", "La route vers l'IMRF", "--kind", "talk",
                    "--duration", "20m", "--speaker",
                    "Monami Maulik; Stakeholder Liaison Officer; Réseau des Nations Unies",
                    "--speaker", "Sophie van Haasen; Coordinatrice; GFMD Mayors Mechanism")
            self.ok("add-agenda-item", slug, "--title", "Discussion", "--kind", "discussion",
                    "--point", "Comment votre gouvernement agit-il ?", "--point", "Et ensuite ?")
            people = [("Doe, Jane", "Jane.Doe@Example.org", "en", "vegan"),
                      ("Élodie Zoé", "elodie@exemple.fr", "fr", ""),
                      ("Ana Pérez", "ana@ejemplo.es", "es", "halal"),
                      ("Wait Listed", "wait@example.org", "en", ""),
                      ("Gone Away", "gone@example.org", "fr", "")]
            for i, (name, email, language, diet) in enumerate(people):
                fields = ["--field", f"diet={diet}"] if diet else []
                self.ok("register", slug, "--name", name, "--email", email, "--language",
                        language, "--organisation", "Ville de Paris", "--field",
                        f"badge=B{i:03}", *fields,
                        env={"SOURCE_DATE_EPOCH": str(1700000000 + 61 * i)})
            self.ok("unregister", slug, "gone@example.org")
            self.ok("check-in", slug, "elodie@exemple.fr",
                    env={"SOURCE_DATE_EPOCH": "1700100000"})
            # A sent ledger: the invitations went out (to a sink), then the time changed.
            sink, port = start_sink(self)
            self.write("convene.toml",
                       ORGANISER_TOML + f'[mail]\nsmtp_url = "smtp://127.0.0.1:{port}"\n')
            self.ok("send", slug, env={"SOURCE_DATE_EPOCH": "1700200000"})
            self.assertEqual(len(sink.received()), 3)
            uid = json.loads(self.ok("show", slug, "--format", "json"))["uid"]
            self.ok("rsvp", slug, input=reply_ics(uid, "jane.doe@example.org", "ACCEPTED"))
            self.ok("update-event", slug, "--start", "2022-04-13T15:30", "--end", "16:30")
            self.ok("create-event", "--title", "Autre", "--slug", "autre", "--date",
                    "2022-05-02", "--tz", "Europe/Paris")
            return parent, slug
        finally:
            if own is None:
                del self.env["CONVENE_DB"]
            else:
                self.env["CONVENE_DB"] = own

    def outputs(self, store, slugs):
        """Everything convene says about `slugs` in `store`, command by command."""
        out = {"list events": without_ids(json.loads(
            self.at(store, "list", "events", "--format", "json")))}
        for slug in slugs:
            out[f"show {slug}"] = self.at(store, "show", slug)
            out[f"show json {slug}"] = without_ids(json.loads(
                self.at(store, "show", slug, "--format", "json")))
            out[f"list agenda {slug}"] = self.at(store, "list", "agenda", slug, "--format",
                                                 "json")
            out[f"list attendees {slug}"] = self.at(store, "list", "attendees", slug, "--format",
                                                    "json")
            out[f"stats {slug}"] = self.at(store, "stats", slug, "--format", "json")
            out[f"export-ics {slug}"] = self.at(store, "export-ics", slug, "--with-agenda")
            out[f"send plan {slug}"] = self.at(store, "send", slug, "--dry-run", "--format",
                                               "tsv")
        # The briefing's people with their custom fields, ledger and replies; an invitation as
        # the ledger and the registration make it.
        out["attendees"] = self.at(store, "list", "attendees", slugs[1], "--format", "json",
                                   "--fields", ATTENDEE_FIELDS)
        out["invitation"] = self.at(store, "export-ics", slugs[1], "--attendee",
                                    "elodie@exemple.fr")
        return out



@unittest.skipIf(Controller is None, "python3-aiosmtpd is not installed")
class Copy(CopyScenario, PostgresTestCase):
    def test_sqlite_to_postgresql_to_sqlite_says_the_same(self):
        first, last = self.path("first.db"), self.path("last.db")
        parent, slug = self.build(first)
        slugs = [parent, slug, "autre"]
        before = self.outputs(first, slugs)
        self.assertIn("vegan", before["attendees"])
        self.assertIn("accepted", before["attendees"])
        self.assertIn("REQUEST", before[f"send plan {slug}"], "the change is news to send")

        self.assertEqual(self.at(first, "db", "copy", "--to", self.db), "")
        self.assertEqual(self.outputs(self.db, slugs), before)
        self.at(last, "db", "init")
        self.assertEqual(self.at(last, "db", "copy", "--from", self.db), "")
        self.assertEqual(self.outputs(last, slugs), before)

        # Copying again: the events exist in the target; exit 4 and nothing written.
        error = self.fails(4, "db", "copy", "--to", self.db, env={"CONVENE_DB": first})
        self.assertRegex(error, "|".join(slugs))
        self.assertEqual(self.outputs(self.db, slugs), before)

    def published(self, store, slugs):
        """Every byte convene publishes about `slugs` from `store`: feeds with their agendas,
        schedules in both formats, an invitation (UIDs, frab ids, guids, slugs, SEQUENCEs)."""
        out = {"feed": self.at(store, "export-ics", *slugs, "--with-agenda")}
        for slug in slugs:
            for form in ("frab-xml", "frab-json"):
                out[f"{form} {slug}"] = self.at(store, "export-schedule", slug, "--format", form)
        out["invitation"] = self.at(store, "export-ics", slugs[1], "--attendee",
                                    "elodie@exemple.fr")
        return out

    def test_published_identities_survive_a_round_trip_through_postgresql(self):
        first, last = self.path("first.db"), self.path("last.db")
        parent, slug = self.build(first)
        session = self.at(first, "create-event", "--title", "Atelier", "--slug", "atelier",
                          "--start", "2022-04-12T10:00", "--end", "12:00", "--tz",
                          "Europe/Paris", "--parent", parent).strip()
        for title, start in (("Ouverture", "+0m"), ("Table ronde", "+30m"), ("Clôture", "+90m")):
            self.at(first, "add-agenda-item", session, "--title", title, "--start", start,
                    "--duration", "30m")
        slugs = [parent, slug, session]
        before = self.published(first, slugs)
        self.assertEqual(before["feed"].count("BEGIN:VEVENT"), 6, "three events, three items")
        # The server already holds rows, so that the copies get other row numbers there.
        self.ok("create-event", "--title", "Déjà là", "--slug", "deja", "--date", "2022-01-10",
                "--tz", "Europe/Paris")
        for n in range(5):
            self.ok("add-agenda-item", "deja", "--title", f"Point {n}")
        self.at(first, "db", "copy", "--to", self.db)
        self.assertEqual(self.published(self.db, slugs), before)
        self.at(last, "db", "init")
        self.at(last, "create-event", "--title", "Local", "--slug", "local", "--date",
                "2022-02-01", "--tz", "Europe/Paris")
        self.at(last, "add-agenda-item", "local", "--title", "Seul")
        self.at(last, "db", "copy", "--from", self.db, *slugs)
        self.assertEqual(self.published(last, slugs), before)
        self.assertEqual(self.check_database(last).code, 0)

    def test_named_events_only_and_a_sqlite_target_is_created(self):
        parent, slug = self.build(self.path("first.db"))
        self.at(self.path("first.db"), "db", "copy", "--to", self.db, "autre")
        events = json.loads(self.ok("list", "events", "--format", "json"))
        self.assertEqual([e["slug"] for e in events], ["autre"])
        # From PostgreSQL into a SQLite file that does not exist yet.
        self.ok("db", "copy", "--to", self.path("new.db"))
        self.assertEqual(
            without_ids(json.loads(self.at(self.path("new.db"), "list", "events", "--format",
                                           "json"))),
            without_ids(json.loads(self.ok("list", "events", "--format", "json"))))
        # A conflict on one of several events writes none of them.
        before = self.ok("list", "events", "--format", "json")
        self.fails(4, "db", "copy", "--from", self.path("first.db"), parent, slug, "autre")
        self.assertEqual(self.ok("list", "events", "--format", "json"), before)
        self.fails(3, "db", "copy", "--from", self.path("first.db"), "no-such-event")
        self.assertEqual(self.ok("list", "events", "--format", "json"), before)


@unittest.skipIf(Controller is None, "python3-aiosmtpd is not installed")
class SqliteCopy(CopyScenario, ConveneTestCase):
    """db copy from one SQLite file to another: no server needed."""

    def test_sqlite_to_sqlite_says_the_same(self):
        first, second = self.path("first.db"), self.path("second.db")
        parent, slug = self.build(first)
        slugs = [parent, slug, "autre"]
        before = self.outputs(first, slugs)
        self.assertIn("accepted", before["attendees"])
        self.assertEqual(self.at(first, "db", "copy", "--to", second), "")
        self.assertEqual(self.outputs(second, slugs), before)
        # Again: the events are there; exit 4 and nothing written.
        self.assertRegex(self.fails(4, "db", "copy", "--to", second, env={"CONVENE_DB": first}),
                         "|".join(slugs))
        self.assertEqual(self.outputs(second, slugs), before)
        # Into a third file, from the second, the named events only: the same again.
        third = self.path("third.db")
        self.assertEqual(self.at(third, "db", "copy", "--from", second, parent, slug), "")
        self.assertEqual(self.at(third, "show", slug), before[f"show {slug}"])
        self.assertEqual([e["slug"] for e in json.loads(self.at(third, "list", "events",
                                                                "--format", "json"))],
                         [parent, slug])

    def test_the_database_in_use_is_known_by_any_of_its_names(self):
        self.ok("create-event", "--title", "Kept", "--slug", "kept", "--date", "2024-01-01")
        os.symlink("convene.db", self.path("link.db"))
        before = self.ok("list", "events", "--format", "json")
        for name in ("./convene.db", "convene.db", self.path("convene.db"), "link.db"):
            for flag in ("--to", "--from"):
                with self.subTest(name=name, flag=flag):
                    result = self.run_convene("db", "copy", flag, name)
                    self.assertEqual(result.code, 2, result.stderr)
                    self.assertEqual(result.stderr.splitlines(), [
                        f"convene: error: {name} is the database convene works on already",
                        "convene: hint: name another database with --to or --from"])
        self.assertEqual(self.ok("list", "events", "--format", "json"), before)


class Completion(PostgresTestCase):
    def test_event_slugs_complete_from_postgresql(self):
        self.ok("create-event", "--title", "Briefing", "--slug", "imrf-briefing", "--date",
                "2022-04-13")
        self.ok("create-event", "--title", "Other", "--slug", "other", "--date", "2022-04-14")
        self.assertEqual(self.ok("__complete", "show", "").split(), ["imrf-briefing", "other"])
        self.assertEqual(self.ok("__complete", "--db", self.db, "show", "imrf",
                                 env={"CONVENE_DB": ""}).split(), ["imrf-briefing"])
        self.assertFalse(os.path.exists(self.path("convene.db")))


class Schema(PostgresTestCase):
    def test_db_init_twice_is_fine(self):
        self.ok("create-event", "--title", "Kept", "--slug", "kept", "--date", "2024-01-01")
        result = self.run_convene("db", "init")
        self.assertEqual((result.code, result.stdout), (0, ""), result.stderr)
        events = json.loads(self.ok("list", "events", "--format", "json"))
        self.assertEqual([e["slug"] for e in events], ["kept"])

    def test_a_newer_schema_is_refused_and_left_alone(self):
        self.damaged_on_purpose = True  # from a newer convene, as far as this one can tell
        self.psql("UPDATE convene_schema SET version = 999")
        for args in (["list", "events"], ["db", "init"],
                     ["create-event", "--title", "X", "--date", "2024-01-01"]):
            with self.subTest(args=args):
                self.assertIn("newer convene", self.fails(6, *args))
        self.assertEqual(self.psql("SELECT version FROM convene_schema"), "999\n")

    def test_a_database_without_the_schema_names_db_init(self):
        empty = self.server.fresh_database()
        self.addCleanup(self.server.drop_database, empty)
        for args in (["list", "events"], ["create-event", "--title", "X", "--date", "2024-01-01"]):
            with self.subTest(args=args):
                stderr = self.refused(6, *args, env={"CONVENE_DB": empty})
                self.assertIn("convene db init", stderr)
        # Nothing was created on the way.
        self.assertEqual(self.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
                                   url=empty), "0\n")
        self.ok("db", "init", env={"CONVENE_DB": empty})
        self.assertEqual(json.loads(self.ok("list", "events", "--format", "json",
                                            env={"CONVENE_DB": empty})), [])

    def test_the_url_from_the_flag_and_the_config_file(self):
        self.ok("create-event", "--title", "Here", "--slug", "here", "--date", "2024-01-01")
        del self.env["CONVENE_DB"]
        self.assertIn("here", self.ok("--db", self.db, "list", "events"))
        # postgres:// is the same as postgresql://.
        short = "postgres://" + self.db[len("postgresql://"):]
        self.assertIn("here", self.ok("list", "events", "--db", short))
        self.write("convene.toml", f'[database]\nurl = "{self.db}"\n')
        self.assertIn("here", self.ok("list", "events"))
        self.assertFalse(os.path.exists(self.path("convene.db")))


class Failures(PostgresTestCase):
    def test_no_server_is_exit_6_and_the_password_is_never_shown(self):
        with tempfile.TemporaryDirectory() as nothing_here:
            cases = [{"CONVENE_DB": f"postgresql://u:s3cret@/convene?host={nothing_here}"},
                     {"CONVENE_DB": f"postgres://u:s3cret@127.0.0.1:{free_port()}/convene"},
                     {"CONVENE_DB": f"postgresql://u@/convene?host={nothing_here}",
                      "PGPASSWORD": "s3cret"}]
            for env in cases:
                env["PGCONNECT_TIMEOUT"] = "10"
                for args in (["list", "events"], ["db", "init"],
                             ["--db", env["CONVENE_DB"], "show", "x"]):
                    with self.subTest(env=env, args=args):
                        self.assertNotIn("s3cret", self.refused(6, *args, env=env))

    def prepare_cut(self):
        """Makes convene's import wait, in its transaction, once it has inserted 1000 rows
        (whichever tables they go to): an AFTER INSERT trigger on every table counts rows with
        a sequence (sequences ignore rollbacks) and at the 1000th waits for an advisory lock
        that a psql session of the test holds. Returns that session."""
        self.psql("""
            CREATE SEQUENCE test_cut_rows;
            CREATE FUNCTION test_cut_wait() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF nextval('test_cut_rows') = 1000 THEN
                    PERFORM pg_advisory_lock(4242);
                    PERFORM pg_advisory_unlock(4242);
                END IF;
                RETURN NULL;
            END $$;
            DO $$
            DECLARE t record;
            BEGIN
                FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
                    EXECUTE format('CREATE TRIGGER test_cut_wait AFTER INSERT ON %I '
                                   'FOR EACH ROW EXECUTE FUNCTION test_cut_wait()', t.tablename);
                END LOOP;
            END $$;""")
        holder = subprocess.Popen(
            [os.path.join(self.server.bin, "psql"), "-X", "-q", "-d", self.db],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            text=True)
        self.addCleanup(self.end_session, holder)
        holder.stdin.write("SELECT pg_advisory_lock(4242);\n")
        holder.stdin.flush()
        self.wait_for("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND "
                      "database = (SELECT oid FROM pg_database "
                      "WHERE datname = current_database())",
                      "the test's session never got its lock")
        return holder

    @staticmethod
    def end_session(holder):
        if not holder.stdin.closed:
            holder.stdin.close()
        if holder.poll() is None:
            holder.kill()
        holder.wait()

    def wait_for(self, query, failure, proc=None):
        """Polls `query` until it returns rows (their first column), for two minutes at most."""
        deadline = time.monotonic() + 120
        while True:
            rows = self.psql(query).split()
            if rows:
                return rows
            self.assertTrue(proc is None or proc.poll() is None, failure)
            self.assertLess(time.monotonic(), deadline, failure)
            time.sleep(0.05)

    def test_a_connection_cut_or_a_restart_during_an_import_writes_nothing(self):
        """The server ends convene's session in the middle of a large import, in the middle of
        its transaction: exit 6, one error line, not one of the rows kept."""
        self.ok("create-event", "--title", "Big", "--slug", "big", "--date", "2024-01-01")
        self.ok("register", "big", "--name", "First", "--email", "first@example.org")
        path = self.write("people.csv", "name,email,badge\n" + "".join(
            f"Person {i},p{i}@example.org,B{i}\n" for i in range(5000)))
        for how in ("pg_terminate_backend", "restart"):
            with self.subTest(how=how):
                holder = self.prepare_cut()
                proc = subprocess.Popen([BIN, "register", "big", "--csv", path], env=self.env,
                                        cwd=self.dir, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)
                try:
                    [pid] = self.wait_for(
                        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                        "AND wait_event_type = 'Lock' AND wait_event = 'advisory' "
                        "AND backend_xid IS NOT NULL",
                        "convene's import never reached its 1000th row", proc)
                    if how == "restart":
                        self.server.restart()
                    else:
                        self.psql(f"SELECT pg_terminate_backend({pid})")
                    out, err = proc.communicate(timeout=120)
                finally:
                    if proc.poll() is None:
                        proc.kill()
                        proc.communicate()
                    self.end_session(holder)
                err = err.decode()
                self.assertEqual(proc.returncode, 6, err)
                self.assertEqual(out, b"")
                errors = [line for line in err.splitlines() if line.startswith("convene: error: ")]
                self.assertEqual(len(errors), 1, err)
                self.assertNotIn("terminate called", err)
                self.psql("DROP SEQUENCE test_cut_rows; DROP FUNCTION test_cut_wait() CASCADE")
                listed = json.loads(self.ok("list", "attendees", "big", "--format", "json",
                                            "--fields", "email"))
                self.assertEqual(listed, [{"email": "first@example.org"}])

if __name__ == "__main__":
    unittest.main()


class RoundTrips(PostgresTestCase):
    """What one `register` costs on the network (issue 28): the shape of the cost, as the
    SQLite steps per registration are guarded in tests/unit/test_registrar.cpp."""

    LIMIT = 4

    def setUp(self):
        super().setUp()
        self.counter = WireCounter(self.server)
        self.addCleanup(self.counter.close)

    def registered_through_relay(self, *args):
        self.counter.reset()
        out = self.ok("--db", self.counter.url(self.db), "register", *args)
        return out, self.counter.round_trips, self.counter.statements, self.counter.queries

    def test_one_register_waits_on_the_server_at_most_four_times(self):
        self.ok("create-event", "--title", "Small", "--slug", "small", "--date", "2024-01-01",
                "--capacity", "1")
        for n, status in ((1, "registered"), (2, "waitlisted")):
            out, trips, statements, queries = self.registered_through_relay(
                "small", "--name", f"P {n}", "--email", f"p{n}@example.org")
            self.assertLessEqual(trips, self.LIMIT, "\n".join(queries))
            print(f"register ({status}): {trips} round trips, {statements} statements",
                  file=sys.stderr)
        rows = json.loads(self.ok("list", "attendees", "small", "--format", "json",
                                  "--fields", "email,status"))
        self.assertEqual([(r["email"], r["status"]) for r in rows],
                         [("p1@example.org", "registered"), ("p2@example.org", "waitlisted")])

    def test_an_attendance_report_is_written_in_one_statement(self):
        # check-in --from: the times of a report's people in one UPDATE, where each was a
        # round trip and a run of the count trigger (1.35 s for 3,000 people). Matched by
        # address, by name alone, and over two stays.
        _, event = self.create_briefing()
        self.write("people.csv", "name,email\n" + "".join(
            f"Person {n},person.{n}@example.org\n" for n in range(600)))
        self.ok("register", event, "--csv", "people.csv")
        self.ok("check-in", event, "person.1@example.org")
        stays = "".join(
            f"Person {n},{'' if n % 5 == 0 else f'person.{n}@example.org'},"
            f"04/13/2022 03:0{n % 3}:00 PM,04/13/2022 03:5{n % 3}:00 PM,50,No,Yes,No\n"
            for n in list(range(600)) + [3, 10])
        self.write("zoom.csv", "Name (Original Name),User Email,Join Time,Leave Time,"
                   "Duration (Minutes),Guest,Recording Consent,In Waiting Room\n" + stays)
        self.counter.reset()
        self.ok("--db", self.counter.url(self.db), "check-in", event, "--from", "zoom.csv",
                "--report-zone", "Europe/Paris")
        self.assertLess(self.counter.round_trips, 20, "\n".join(self.counter.queries[:40]))
        rows = json.loads(self.ok("list", "attendees", event, "--format", "json", "--fields",
                                  "email,checked_in_at,attended_minutes"))
        self.assertEqual(len(rows), 600)
        minutes = {r["email"]: r["attended_minutes"] for r in rows}
        self.assertEqual(set(minutes.values()) - {50, 100}, set())
        self.assertEqual((minutes["person.3@example.org"], minutes["person.10@example.org"],
                          minutes["person.4@example.org"]), (100, 100, 50))
        arrivals = {r["email"]: r["checked_in_at"] for r in rows}
        self.assertEqual(arrivals["person.2@example.org"], "2022-04-13T13:02:00Z")
        self.assertNotEqual(arrivals["person.1@example.org"], "2022-04-13T13:01:00Z")  # kept

    def test_db_copy_writes_the_registrations_in_bulk(self):
        # Copying an event to the server writes its people as an import does, a COPY per
        # batch: one statement per row took 116 s for 100,000 people. Every kind of row is
        # copied as it was (statuses, arrivals, custom fields), and the counts follow.
        local = self.path("local.db")
        self.ok("--db", local, "create-event", "--title", "Big", "--slug", "big", "--date",
                "2024-01-01", "--capacity", "250")
        people = "".join(f"P{n},p{n}@example.org,{'vegan' if n % 3 == 0 else ''}\n"
                         for n in range(300))
        self.write("people.csv", "name,email,diet\n" + people)
        self.ok("--db", local, "register", "big", "--csv", "people.csv")
        self.ok("--db", local, "unregister", "big", "p7@example.org")
        self.ok("--db", local, "check-in", "big", "p8@example.org")
        # A ledger as `send`, `rsvp` and reminders leave it, one row or more per person,
        # written here without a mail server: two invitations to each registered person, a
        # reply from one in three, a reminder for one in two.
        with sqlite3.connect(local) as raw:
            raw.executescript("""
                INSERT INTO sent_message (event_id, event_uid, recipient, email_key, method,
                                          sequence, event_sequence, message_id, sent_at)
                SELECT r.event_id, e.uid, r.email, r.email_key, 'REQUEST', s.n, s.n,
                       '<' || r.id || '.' || s.n || '@x>', 1700000000 + r.id * 2 + s.n
                FROM registration AS r JOIN event AS e ON e.id = r.event_id,
                     (SELECT 0 AS n UNION ALL SELECT 1) AS s
                WHERE r.status = 'registered';
                INSERT INTO attendee_reply SELECT event_id, email_key, 'ACCEPTED', 1,
                    1700100000 + id, 1700100001 + id FROM registration WHERE id % 3 = 0
                    AND status = 'registered';
                INSERT INTO sent_reminder SELECT event_id, email_key, '1d', '<r' || id || '@x>',
                    1700200000 + id FROM registration WHERE id % 2 = 0
                    AND status = 'registered';""")
        raw.close()
        self.assertEqual(self.check_database(local).code, 0)
        self.counter.reset()
        self.ok("--db", local, "db", "copy", "--to", self.counter.url(self.db))
        self.assertLess(self.counter.round_trips, 60, "\n".join(self.counter.queries))
        queries = "\n".join(self.counter.queries)
        for table in ("registration", "sent_message", "attendee_reply", "sent_reminder"):
            self.assertIn(f"COPY {table} (", queries)
        for form in (["--format", "json", "--fields", "name,email,status,checked_in_at,diet"],
                     ["--format", "csv", "--fields", "email,status,reply"]):
            self.assertEqual(self.ok("list", "attendees", "big", *form),
                             self.ok("--db", local, "list", "attendees", "big", *form))
        self.write("convene.toml", '[organiser]\nname = "Org"\nemail = "org@example.org"\n')
        for args in (["stats", "big", "--format", "json"],
                     ["send", "big", "--dry-run", "--format", "tsv"],
                     ["send", "big", "--dry-run", "--reminder", "1d", "--format", "tsv"]):
            self.assertEqual(self.ok(*args), self.ok("--db", local, *args), args)
        # Every row of each table, in the order of its ids.
        self.assertEqual(
            self.psql("SELECT count(*), min(sequence), max(sequence) FROM sent_message").strip(),
            "500\t0\t1")

    def test_a_writer_holding_the_lock_makes_register_wait_then_give_up(self):
        # BEGIN and the writer lock go with the transaction's first statement: waiting for the
        # lock in vain still says what Transaction says, and writes nothing.
        self.ok("create-event", "--title", "Small", "--slug", "small", "--date", "2024-01-01")
        holder = subprocess.Popen(
            [self.server._program("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.db],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.addCleanup(holder.stdout.close)
        self.addCleanup(holder.wait, 30)
        self.addCleanup(holder.stdin.close)
        holder.stdin.write(f"\\o /dev/null\nSELECT pg_advisory_lock({WRITER_LOCK});\n"
                           "\\echo held\n")
        holder.stdin.flush()
        self.assertEqual(holder.stdout.readline().strip(), "held")
        result = self.run_convene("register", "small", "--name", "Late", "--email",
                                  "late@example.org", env={"CONVENE_LOCK_WAIT": "1s"})
        self.assertEqual(result.code, 6, result.stderr)
        self.assertIn("convene: error: the database is busy: another convene is writing to it "
                      "(waited 1 s)", result.stderr)
        self.assertIn("convene: hint: try again when it has finished", result.stderr)
        holder.stdin.close()
        holder.wait(30)
        self.assertEqual(self.ok("list", "attendees", "small", "--format", "csv",
                                 "--fields", "email"), "email\r\n")


    def test_a_list_of_built_in_columns_streams_and_skips_the_custom_names(self):
        # No custom column asked for: the rows come in one COPY, and the names of the custom
        # fields (a query over all the event's fields) are not read at all.
        self.ok("create-event", "--title", "Small", "--slug", "small", "--date", "2024-01-01")
        self.write("people.csv", "name,email,diet\nA,a@example.org,vegan\nB,b@example.org,\n")
        self.ok("register", "small", "--csv", "people.csv")
        self.counter.reset()
        out = self.ok("--db", self.counter.url(self.db), "list", "attendees", "small",
                      "--format", "csv", "--fields", "email,name")
        self.assertEqual(out, "email,name\r\na@example.org,A\r\nb@example.org,B\r\n")
        queries = "\n".join(self.counter.queries)
        self.assertNotIn("DISTINCT f.key", queries)
        self.assertNotIn("FETCH", queries)
        self.assertIn("COPY (", queries)
        # A custom column still finds its name, and streams too: the fields are a column of
        # the row since schema 12. An unknown column lists the names.
        self.counter.reset()
        self.assertEqual(self.ok("--db", self.counter.url(self.db), "list", "attendees", "small",
                                 "--format", "csv", "--fields", "email,diet"),
                         "email,diet\r\na@example.org,vegan\r\nb@example.org,\r\n")
        queries = "\n".join(self.counter.queries)
        self.assertNotIn("FETCH", queries)
        self.assertIn("COPY (", queries)
        unknown = self.run_convene("list", "attendees", "small", "--fields", "email,dit")
        self.assertEqual(unknown.code, 2, unknown.stderr)
        self.assertIn(",reply,diet\n", unknown.stderr)

    def test_values_sent_behind_the_lock_are_quoted(self):
        # The transaction's first statement goes with BEGIN and the lock in one simple query,
        # its parameters written as literals: quotes and backslashes stay data.
        self.ok("create-event", "--title", "Small", "--slug", "small", "--date", "2024-01-01")
        for name in ("o'brien", "small' OR 'x'='x", "back\\slash", "small\\"):
            self.assertIn(f"no event '{name}'", self.fails(3, "register", name, "--name", "A",
                                                           "--email", "a@example.org"))
        self.assertEqual(self.ok("list", "attendees", "small", "--format", "csv",
                                 "--fields", "email"), "email\r\n")


class SameListOnBothStores(PostgresTestCase):
    """`list attendees` prints the same bytes from PostgreSQL as from SQLite (issue 28: the
    PostgreSQL list reads its rows as they come)."""

    def test_the_same_import_lists_byte_for_byte_alike(self):
        rows = ["name,email,organisation,language,diet,badge"]
        for i in range(2500):
            organisation = ['"Org, ""quoted"" {}"', '"two\nlines {}"', "=cmd {}", "Zoé {}",
                            ""][i % 5].format(i % 7)
            rows.append(f"Łukasz Nguyễn {i},P{i}@Example.org,{organisation},"
                        f"{['en', 'fr', ''][i % 3]},{'vegan' if i % 4 == 0 else ''},"
                        f"{'B' + str(i) if i % 9 == 0 else ''}")
        self.write("people.csv", "\n".join(rows) + "\n")
        sqlite = self.path("same.db")
        outputs = self.lists_on_both_stores(
            2000, ("csv", "tsv", "json", "jsonl"),
            lambda env: self.ok("unregister", "same", "p3@example.org", env=env))
        for form in ("csv", "tsv", "json", "jsonl"):
            self.assertGreater(len(outputs[sqlite, form]), 2500 * 20)
            self.assertEqual(outputs[sqlite, form], outputs[self.db, form], form)


class SecondPass(PostgresTestCase):
    """An export imported again (the day-two import): the rows already stored are read a
    window at a time (RegistrationStore::look_ahead), and both stores end alike."""

    def export(self, count, changed=False, renamed=False):
        rows = ["name,email,organisation,status,diet"]
        for i in range(count):
            cancelled = changed and i % 50 == 0
            organisation = f"Org {i % 7}{' bis' if changed and i % 3 == 0 else ''}"
            organisation += " (renamed)" if renamed else ""
            # Another case of the same address now and then: the same person.
            email = f"P{i}@Example.org" if changed and i % 11 == 0 else f"p{i}@example.org"
            rows.append(f"Zoé {i},{email},{organisation},"
                        f"{'cancelled' if cancelled else 'registered'},"
                        f"{'vegan' if i % 4 == 0 else ''}")
        if changed:
            rows.append("Zoé 5 again,p5@example.org,Org,registered,")  # twice in one file
        return "\n".join(rows) + "\n"

    def test_an_export_imported_again_lists_alike_on_both_stores(self):
        # More rows than two windows of 512, more than the seats: a waiting list moves up
        # into the seats the cancellations free.
        self.write("people.csv", self.export(1200))
        self.write("again.csv", self.export(1300, changed=True))
        sqlite = self.path("same.db")

        def again(env):
            self.ok("register", "same", "--csv", "again.csv", "--on-duplicate", "skip", env=env)
            self.ok("register", "same", "--csv", "again.csv", "--on-duplicate", "update",
                    env=env)
            self.ok("register", "same", "--csv", "again.csv", "--on-duplicate", "update",
                    env=env)

        outputs = self.lists_on_both_stores(1000, ("csv", "json"), again)
        for form in ("csv", "json"):
            self.assertEqual(outputs[sqlite, form], outputs[self.db, form], form)
        people = json.loads(outputs[self.db, "json"])
        self.assertEqual(len(people), 1300)
        self.assertEqual(sum(p["status"] == "cancelled" for p in people), 26)
        self.assertEqual(sum(p["status"] == "registered" for p in people), 1000)
        self.assertEqual(self.check_database(sqlite).code, 0)

    def index_entries_read(self):
        """Index entries read from registration's indexes so far, by the server's own count
        (a finished connection's counts are in it)."""
        return int(self.psql("SELECT coalesce(sum(idx_tup_read), 0) FROM pg_stat_user_indexes "
                             "WHERE relname = 'registration'").strip())

    def test_an_export_imported_again_asks_nothing_per_stored_row(self):
        people = 20000
        windows = -(-people // 512)
        self.write("people.csv", self.export(people))
        # No statistics on the table, as just after an import: a look-up planned on a guess
        # of a few hundred rows read every row of the event for each window (5.5 s for
        # 100,000 people imported again).
        self.psql("ALTER TABLE registration SET (autovacuum_enabled = false)")
        self.ok("create-event", "--title", "Again", "--slug", "again", "--date", "2024-01-01")
        self.ok("register", "again", "--csv", "people.csv")
        counter = WireCounter(self.server)
        self.addCleanup(counter.close)
        before = self.ok("list", "attendees", "again", "--format", "csv")
        stats = self.ok("stats", "again")
        # A round trip or two per window of 512 rows, and the transaction's own: it was three
        # per row (whether the address is taken, then the registration), and an update wrote
        # every row, changed or not.
        for mode, said in (("skip", f"{people} duplicates skipped"),
                           ("update", f"{people} updated")):
            counter.reset()
            read = self.index_entries_read()
            result = self.run_convene("--db", counter.url(self.db), "register", "again",
                                      "--csv", "people.csv", "--on-duplicate", mode)
            self.assertEqual(result.code, 0, result.stderr)
            self.assertIn(said, result.stderr)
            self.assertLess(counter.round_trips, 2 * windows + 20,
                            "\n".join(counter.queries[:40]))
            # The event's keys once (the bulk writer's filter), then one entry per row: each
            # window's rows by their key, not the whole event per window (820,000 entries
            # read with `IN (SELECT …)`).
            self.assertLess(self.index_entries_read() - read, 3 * people)
        self.assertEqual(self.ok("list", "attendees", "again", "--format", "csv"), before)
        # Every row changed: the updates go a batch at a time (PostgresUpdateBatch), where
        # each was a round trip and a run of the count trigger (6.8 s for 20,000 rows).
        self.write("renamed.csv", self.export(people, renamed=True))
        counter.reset()
        result = self.run_convene("--db", counter.url(self.db), "register", "again", "--csv",
                                  "renamed.csv", "--on-duplicate", "update")
        self.assertEqual(result.code, 0, result.stderr)
        self.assertIn(f"{people} updated", result.stderr)
        self.assertLess(counter.round_trips, 3 * windows + 20, "\n".join(counter.queries[:40]))
        after = self.ok("list", "attendees", "again", "--format", "csv")
        self.assertEqual(after.count(" (renamed)"), people)
        self.assertEqual(after.replace(" (renamed)", ""), before)
        self.assertEqual(self.ok("stats", "again").replace(" (renamed)", ""), stats)


class StreamedList(PostgresTestCase):
    """`list attendees` without custom columns streams its rows with COPY … TO STDOUT (issue 28,
    sql::Connection::prepare_alone): the values come back as they went in, a server error in
    the middle is convene's error, and nothing else may run on the connection meanwhile."""

    HOSTILE = ["tab\there", "back\\slash \\N \\.", '"quoted, twice"', "two\nlines", "Zoé Dupré",
               "", "=formula", "trailing\\", "cr\rhere"]

    def people_csv(self, count):
        # A custom field too: its JSON (schema 12) goes through COPY's escapes as well.
        rows = ["name,email,organisation,language,note"]
        for i in range(count):
            organisation = self.HOSTILE[i % len(self.HOSTILE)]
            quoted = '"' + organisation.replace('"', '""') + '"'
            note = '"' + self.HOSTILE[(i + 3) % len(self.HOSTILE)].replace('"', '""') + '"'
            rows.append(f"Łukasz \\{i},p{i}@example.org,{quoted},{['en', 'fr', ''][i % 3]},"
                        f"{note}")
        return "\n".join(rows) + "\n"

    def test_a_list_of_many_rows_prints_what_sqlite_prints(self):
        # More rows than a cursor's batch (5,000), NULL and set check-in times, every escape
        # of COPY's text format.
        self.write("people.csv", self.people_csv(6500))
        sqlite = self.path("same.db")

        def check_in(env):
            for email in ("p1@example.org", "p5001@example.org"):
                self.ok("check-in", "same", email, env=env)

        outputs = self.lists_on_both_stores(6000, ("csv", "tsv", "json"), check_in)
        for store in (sqlite, self.db):
            env = {"CONVENE_DB": store}
            outputs[store, "waitlisted"] = self.ok("list", "attendees", "same", "--format",
                                                   "jsonl", "--status", "waitlisted", env=env)
        people = json.loads(outputs[self.db, "json"])
        self.assertEqual(len(people), 6500)
        self.assertEqual({p["organisation"] or "" for p in people}, set(self.HOSTILE))  # "": null
        self.assertEqual({p["note"] or "" for p in people}, set(self.HOSTILE))
        self.assertEqual(people[7]["name"], "Łukasz \\7")
        self.assertEqual(people[1]["checked_in_at"], "2023-11-14T22:13:20Z")
        self.assertIsNone(people[2]["checked_in_at"])
        self.assertEqual(len(outputs[self.db, "waitlisted"].splitlines()), 500)
        for form in ("csv", "tsv", "json", "waitlisted"):
            self.assertEqual(outputs[sqlite, form], outputs[self.db, form], form)

    def test_a_server_error_in_the_middle_of_the_list_is_a_storage_error(self):
        # The server gives up on the COPY (statement_timeout) while convene's output is not
        # read: rows went out, then the error comes in the middle of the stream.
        self.write("people.csv", self.people_csv(20000))
        self.ok("create-event", "--title", "Big", "--slug", "big", "--date", "2024-01-01")
        self.ok("register", "big", "--csv", "people.csv")
        env = dict(self.env, PGOPTIONS="-c statement_timeout=300")
        proc = subprocess.Popen([BIN, "list", "attendees", "big", "--format", "csv"], env=env,
                                cwd=self.dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(2)
        out, err = proc.communicate(timeout=120)
        err = err.decode()
        self.assertEqual(proc.returncode, 6, err)
        self.assertGreater(out.count(b"\n"), 100)  # in the middle, not before the first row
        self.assertLess(out.count(b"@example.org"), 20000)
        self.assertIn("convene: error: the database server stopped the command: ", err)
        self.assertIn("statement timeout", err)

    def test_nothing_else_runs_on_the_connection_while_the_rows_stream(self):
        # The rule itself, on the connection (tests/unit/test_postgres_connection.cpp), and a
        # bulk import's held updates (tests/unit/test_postgres_bulk_updates.cpp).
        runner = os.path.join(os.path.dirname(BIN), "tests", "convene_tests")
        if not os.path.exists(runner):
            self.skipTest(f"{runner} is not built")
        env = dict(os.environ, CONVENE_TEST_POSTGRES_URL=self.db)
        proc = subprocess.run([runner, "[.postgres]"], env=env, capture_output=True, text=True,
                              timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("All tests passed", proc.stdout)
