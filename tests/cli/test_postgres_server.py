"""The PostgreSQL fixture (postgres_server.py) itself: the server starts as an unprivileged user
on a Unix socket only, fresh databases are isolated, and it goes away with its folder however the
test process ends, or when its lifetime runs out. These tests do not need convene."""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import postgres_server

HERE = os.path.dirname(os.path.abspath(__file__))
REASON = postgres_server.why_unavailable()
postgres_server.announce_skip(REASON)

# A child test process: starts the server, says where it is, then does what argv[1] says.
CHILD = r"""
import json, os, sys, time
sys.path.insert(0, sys.argv[2])
import postgres_server
server = postgres_server.server()
print(json.dumps({"folder": server.folder, "pid": server.postmaster_pid(),
                  "watchdog": server._watchdog.pid}), flush=True)
if sys.argv[1] == "sleep":
    time.sleep(600)
"""


def alive(pid):
    """Whether `pid` is a process that has not ended (a zombie has ended)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


@unittest.skipIf(REASON, REASON)
class ServerTest(unittest.TestCase):
    def setUp(self):
        self.server = postgres_server.server()

    def test_runs_unprivileged_on_a_socket_in_its_own_folder(self):
        server = self.server
        pid = server.postmaster_pid()
        self.assertTrue(alive(pid))
        with open(f"/proc/{pid}/status") as f:
            uid = int(next(line for line in f if line.startswith("Uid:")).split()[1])
        self.assertNotEqual(uid, 0, "PostgreSQL runs as root")
        if os.geteuid() == 0:
            self.assertEqual(os.stat(server.folder).st_uid, uid)
        self.assertTrue(os.path.exists(os.path.join(server.folder, f".s.PGSQL.{server.port}")))
        url = server.url("postgres")
        settings = server.psql(url, "SELECT name, setting FROM pg_settings WHERE name IN "
                                    "('listen_addresses', 'unix_socket_directories', 'fsync', "
                                    "'server_encoding', 'server_version_num') ORDER BY name")
        settings = dict(line.split("\t") for line in settings.splitlines())
        self.assertEqual(settings["listen_addresses"], "")
        self.assertEqual(settings["unix_socket_directories"], server.folder)
        self.assertEqual(settings["fsync"], "off")
        self.assertEqual(settings["server_encoding"], "UTF8")
        self.assertGreaterEqual(int(settings["server_version_num"]), 150000)
        # Nothing listens on TCP: the server has no sockets but Unix ones.
        inodes = set()
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
        for table in ("tcp", "tcp6"):
            with open(f"/proc/net/{table}") as f:
                listening = [line.split() for line in f.readlines()[1:]]
            self.assertEqual([row for row in listening if row[9] in inodes], [], table)

    def test_fresh_databases_are_empty_and_isolated(self):
        server = self.server
        first, second = server.fresh_database(), server.fresh_database()
        self.assertNotEqual(first, second)
        self.assertTrue(first.startswith("postgresql://"))
        server.psql(first, "CREATE TABLE event (slug text PRIMARY KEY);"
                           "INSERT INTO event VALUES ('imrf-briefing')")
        self.assertEqual(server.psql(first, "SELECT slug FROM event"), "imrf-briefing\n")
        self.assertEqual(server.psql(second, "SELECT count(*) FROM pg_tables "
                                             "WHERE schemaname = 'public'"), "0\n")
        # The same name again in the second one: no clash.
        server.psql(second, "CREATE TABLE event (slug text PRIMARY KEY)")
        self.assertEqual(server.psql(second, "SELECT count(*) FROM event"), "0\n")
        self.assertEqual(postgres_server.database_name(first), first.split("?")[0].rsplit("/")[-1])
        self.assertIn(b"imrf-briefing", server.database_files(first))
        server.drop_database(first)
        with self.assertRaises(RuntimeError):
            server.psql(first, "SELECT 1")
        server.drop_database(second)

    def test_psql_reports_errors(self):
        url = self.server.fresh_database()
        with self.assertRaisesRegex(RuntimeError, "no_such_table"):
            self.server.psql(url, "SELECT * FROM no_such_table")
        self.server.drop_database(url)


@unittest.skipIf(REASON, REASON)
class Lifetime(unittest.TestCase):
    """Each test runs a child Python process that starts a server of its own."""

    def child(self, action, check_alive=True, **env):
        proc = subprocess.Popen([sys.executable, "-c", CHILD, action, HERE],
                                stdout=subprocess.PIPE, text=True, env=dict(os.environ, **env))
        self.addCleanup(lambda: (proc.kill(), proc.wait(), proc.stdout.close()))
        info = json.loads(proc.stdout.readline())
        if check_alive:
            self.assertTrue(alive(info["pid"]))
            self.assertTrue(os.path.isdir(info["folder"]))
        return proc, info

    def wait_gone(self, info, within=90):
        deadline = time.monotonic() + within
        while alive(info["pid"]) or alive(info["watchdog"]) or os.path.exists(info["folder"]):
            self.assertLess(time.monotonic(), deadline,
                            f"the server or its folder outlived its test process: {info}")
            time.sleep(0.05)

    def test_stopped_and_removed_when_the_process_exits(self):
        proc, info = self.child("exit")
        self.assertEqual(proc.wait(timeout=120), 0)
        # The exit itself waited for the clean-up.
        self.assertFalse(alive(info["pid"]))
        self.assertFalse(os.path.exists(info["folder"]))

    def test_stopped_and_removed_when_the_process_is_killed(self):
        proc, info = self.child("sleep")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        self.wait_gone(info)

    def test_stopped_when_its_lifetime_is_over(self):
        proc, info = self.child("sleep", check_alive=False, CONVENE_TEST_PG_LIFETIME="2")
        self.wait_gone(info)
        self.assertIsNone(proc.poll(), "the test process is still running")


class Harness(unittest.TestCase):
    """harness.py in PostgreSQL mode, with a stand-in for convene that logs how it is run."""

    @unittest.skipIf(REASON, REASON)
    def test_each_test_gets_a_fresh_initialised_database(self):
        with tempfile.TemporaryDirectory() as folder:
            fake = os.path.join(folder, "convene")
            with open(fake, "w") as f:
                # It also asks, through libpq as convene will, which database CONVENE_DB is.
                f.write('#!/bin/sh\n'
                        'db=$([ -z "$CONVENE_DB" ] || "$PSQL" -X -At -d "$CONVENE_DB" '
                        '-c "SELECT current_database()")\n'
                        'echo "$CONVENE_DB|$*|$db" >> "$FAKE_LOG"\n')
            os.chmod(fake, 0o755)
            with open(os.path.join(folder, "test_probe.py"), "w") as f:
                f.write("from harness import ConveneTestCase\n"
                        "class Probe(ConveneTestCase):\n"
                        "    def test_one(self):\n"
                        "        self.ok('list', 'events')\n"
                        "    def test_two(self):\n"
                        "        self.ok('--db', self.other_store(), 'list', 'events')\n")
            log = os.path.join(folder, "log")
            env = dict(os.environ, CONVENE_TEST_STORE="postgresql", CONVENE_BIN=fake,
                       FAKE_LOG=log, PYTHONPATH=HERE,
                       PSQL=os.path.join(postgres_server.bindir(), "psql"))
            result = subprocess.run([sys.executable, "-m", "unittest", "-v", "test_probe"],
                                    cwd=folder, env=env, capture_output=True, text=True,
                                    timeout=120)
            self.assertIn("OK", result.stderr)
            self.assertNotIn("skipped", result.stderr)
            with open(log) as f:
                calls = [line.rstrip("\n").split("|") for line in f]
        one, two, other = (call[1].split()[1] for call in (calls[0], calls[3], calls[4]))
        self.assertEqual(len({one, two, other}), 3, calls)
        name = postgres_server.database_name
        self.assertEqual(calls, [
            ["", f"--db {one} db init", ""], [one, "list events", name(one)],  # test_one
            ["", f"--db {one} db check", ""],  # after it, on its store
            ["", f"--db {two} db init", ""],  # test_two, then its other_store()
            [two, f"--db {other} db init", name(two)],
            [two, f"--db {other} list events", name(two)],
            ["", f"--db {two} db check", ""]])
        self.assertTrue(all(url.startswith("postgresql://") for url in (one, two, other)))


class Unavailable(unittest.TestCase):
    def test_missing_binaries_make_postgresql_tests_skip(self):
        """A harness test in PostgreSQL mode without the binaries is skipped, not passed."""
        with tempfile.TemporaryDirectory() as empty:
            with open(os.path.join(empty, "test_probe.py"), "w") as f:
                f.write("from harness import ConveneTestCase\n"
                        "class Probe(ConveneTestCase):\n"
                        "    def test_probe(self):\n"
                        "        self.ok('list', 'events')\n")
            env = dict(os.environ, CONVENE_TEST_STORE="postgresql", CONVENE_PG_BINDIR=empty,
                       CONVENE_BIN="/bin/true", PYTHONPATH=HERE)
            result = subprocess.run([sys.executable, "-m", "unittest", "-v", "test_probe"],
                                    cwd=empty, env=env, capture_output=True, text=True,
                                    timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("skipped 'PostgreSQL is not installed", result.stderr)
        self.assertIn("OK (skipped=1)", result.stderr)

    def test_sqlite_only_skips_in_postgresql_mode(self):
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "test_probe.py"), "w") as f:
                f.write("from harness import ConveneTestCase, sqlite_only\n"
                        "class Probe(ConveneTestCase):\n"
                        "    @sqlite_only('reads the file')\n"
                        "    def test_probe(self):\n"
                        "        raise AssertionError('ran')\n")
            for store, expected in (("postgresql", "OK (skipped=1)"), ("sqlite", "FAILED")):
                env = dict(os.environ, CONVENE_TEST_STORE=store, CONVENE_BIN="/bin/true",
                           PYTHONPATH=HERE)
                result = subprocess.run([sys.executable, "-m", "unittest", "-v", "test_probe"],
                                        cwd=folder, env=env, capture_output=True, text=True,
                                        timeout=120)
                self.assertIn(expected, result.stderr, store)
                if store == "postgresql":
                    self.assertIn("skipped 'SQLite only: reads the file'", result.stderr)


if __name__ == "__main__":
    unittest.main()
