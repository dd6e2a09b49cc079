"""A team's PostgreSQL when it misbehaves, and the password in its location (issue 31): a server
that never answers, one that stalls after connecting, connect_timeout and database.timeout,
malformed URLs and libpq keyword/value strings that must never be printed with their password
nor taken as SQLite file names, and a server stopped while convene holds a connection. Against
a real PostgreSQL that postgres_server.py starts (skipped when it is not installed); a stalled
server is a socket that accepts and never answers, or a proxy that stops passing bytes on once
the server said it is ready."""
import os
import re
import socket
import subprocess
import threading
import time
import unittest
import urllib.parse

import postgres_server
from harness import BIN, ConveneTestCase
from ics_testing import ORGANISER_TOML

REASON = postgres_server.why_unavailable()
postgres_server.announce_skip(REASON)
SECRET = "s3cr3t-Pa55"


def silent_server(test):
    """A TCP server on 127.0.0.1 that accepts connections and never says a word; its port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held = []

    def accept():
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    test.addCleanup(lambda: [s.close() for s in [listener, *held]])
    return listener.getsockname()[1]


class StallingProxy:
    """TCP on 127.0.0.1 to the server's Unix socket, passing the start-up through; once the
    server has said ReadyForQuery ('Z') it passes nothing more either way."""

    def __init__(self, test, socket_path):
        self.socket_path = socket_path
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.port = self.listener.getsockname()[1]
        self.open = []
        threading.Thread(target=self._accept, daemon=True).start()
        test.addCleanup(self.close)

    def close(self):
        for s in [self.listener, *self.open]:
            s.close()

    def _accept(self):
        while True:
            try:
                client = self.listener.accept()[0]
            except OSError:
                return
            server = socket.socket(socket.AF_UNIX)
            server.connect(self.socket_path)
            self.open += [client, server]
            stalled = threading.Event()
            threading.Thread(target=self._to_server, args=(client, server, stalled),
                             daemon=True).start()
            threading.Thread(target=self._to_client, args=(server, client, stalled),
                             daemon=True).start()

    @staticmethod
    def _to_server(client, server, stalled):
        try:
            while data := client.recv(65536):
                if not stalled.is_set():
                    server.sendall(data)
        except OSError:
            pass

    @staticmethod
    def _to_client(server, client, stalled):
        buffer = b""
        try:
            while not stalled.is_set() and (data := server.recv(65536)):
                buffer += data
                while len(buffer) >= 5:
                    length = int.from_bytes(buffer[1:5], "big")
                    if len(buffer) < 1 + length:
                        break
                    message, buffer = buffer[:1 + length], buffer[1 + length:]
                    client.sendall(message)
                    if message[:1] == b"Z":
                        stalled.set()
                        break
        except OSError:
            pass


@unittest.skipIf(REASON, REASON)
class PostgresFaults(ConveneTestCase):
    def setUp(self):
        super().setUp()
        self.server = postgres_server.server()
        self.env.pop("CONVENE_DB", None)

    def assert_no_secret(self, result):
        self.assertNotIn(SECRET, result.stdout + result.stderr)
        self.assertNotIn(urllib.parse.quote(SECRET), result.stdout + result.stderr)
        for name in os.listdir(self.dir):
            self.assertNotIn("s3cr3t", name, "no file named after the password")

    def refused(self, code, *args, env=None):
        result = self.run_convene(*args, env=env)
        self.assertEqual(result.code, code, result.stderr)
        errors = [l for l in result.stderr.splitlines() if l.startswith("convene: error: ")]
        self.assertEqual(len(errors), 1, result.stderr)
        self.assertTrue(all(l.startswith("convene: ") for l in result.stderr.splitlines()),
                        result.stderr)
        self.assert_no_secret(result)
        return errors[0]

    # --- hangs -------------------------------------------------------------------------------

    def test_a_server_that_never_answers_is_given_up_at_the_urls_connect_timeout(self):
        port = silent_server(self)
        started = time.monotonic()
        error = self.refused(6, "--db", f"postgresql://convene:{SECRET}@127.0.0.1:{port}/convene"
                             "?connect_timeout=2&sslmode=disable", "list", "events")
        self.assertLess(time.monotonic() - started, 30)
        self.assertIn("no answer within 2 s (connect_timeout)", error)
        self.assertIn("postgresql://convene:****@127.0.0.1:", error)

    def test_database_timeout_bounds_connecting_when_the_url_says_nothing(self):
        port = silent_server(self)
        self.write("convene.toml", '[database]\ntimeout = "2s"\n')
        started = time.monotonic()
        error = self.refused(6, "--db", f"host=127.0.0.1 port={port} dbname=convene "
                             f"password={SECRET} sslmode=disable", "list", "events")
        self.assertLess(time.monotonic() - started, 30)
        self.assertIn("no answer within 2 s (database.timeout)", error)
        self.assertIn("password=****", error)

    def test_a_server_that_stalls_after_connecting_is_given_up_at_database_timeout(self):
        url = self.postgres_database()
        self.ok("--db", url, "create-event", "--title", "Stalled", "--date", "2024-01-01")
        proxy = StallingProxy(self, os.path.join(self.server.folder, f".s.PGSQL.{self.server.port}"))
        database = postgres_server.database_name(url)
        self.write("convene.toml", '[database]\ntimeout = "2s"\n')
        started = time.monotonic()
        error = self.refused(6, "--db", f"postgresql://{self.server.user}:{SECRET}@127.0.0.1:"
                             f"{proxy.port}/{database}?sslmode=disable&gssencmode=disable",
                             "list", "events")
        self.assertLess(time.monotonic() - started, 30)
        self.assertIn("did not answer within 2 s (database.timeout)", error)

    # --- secrets -----------------------------------------------------------------------------

    def test_a_malformed_url_is_refused_without_its_password(self):
        for url in (f"postgresql://anna:{SECRET}@[::1/convene",
                    f"postgresql://anna:{SECRET}%00@host/convene",
                    f"postgresql://anna:{SECRET}%g1@host/convene",
                    f"postgresql://anna:{SECRET[:4]}/{SECRET[4:]}@host/convene",
                    f"postgresql://anna:{SECRET[:4]}?{SECRET[4:]}@host/convene"):
            for command in (["list", "events"], ["create-event", "--title", "x", "--date",
                                                 "2024-01-01"]):
                with self.subTest(url=url, command=command[0]):
                    error = self.refused(2, "--db", url, *command)
                    self.assertIn("is malformed", error)
                    self.assertNotIn(SECRET[:4], error)
                    self.assertNotIn(SECRET[5:], error)
        self.assertEqual(sorted(os.listdir(self.dir)), [])

    def test_a_keyword_value_string_is_postgresql_never_a_file_name(self):
        url = self.postgres_database()
        database = postgres_server.database_name(url)
        conninfo = (f"host={self.server.folder} port={self.server.port} dbname={database} "
                    f"user={self.server.user} password='{SECRET}'")
        slug = self.ok("--db", conninfo, "create-event", "--title", "Keyword", "--date",
                       "2024-01-01").strip()
        self.assertIn(slug, self.ok("--db", url, "list", "events"))
        self.assertEqual(os.listdir(self.dir), [], "no SQLite file was made")
        error = self.refused(6, "--db", conninfo.replace(database, "nowhere_db"), "list",
                             "events")
        self.assertIn("password=****", error)
        self.assertIn("nowhere_db", error)

    def test_a_server_stopped_under_a_command_speaks_through_convenes_own_lines(self):
        server = postgres_server.Server()
        self.addCleanup(server.stop)
        url = server.fresh_database()
        self.ok("--db", url, "db", "init")
        self.write("convene.toml", ORGANISER_TOML + '[mail]\nsendmail = "/bin/sleep 3"\n'
                   'timeout = "20s"\n[database]\ntimeout = "10s"\n')
        slug = self.ok("--db", url, "create-event", "--title", "Stopped", "--date",
                       "2024-01-01").strip()
        self.ok("--db", url, "register", slug, "--name", "Ann", "--email", "ann@example.org")
        proc = self.start_convene("--db", url, "send", slug)
        time.sleep(1)
        server._run_as_owner(server._program("pg_ctl"), "stop", "-D", server.data, "-m", "fast",
                             "-w", "-t", "60", "-s")
        _, stderr = proc.communicate(timeout=120)
        stderr = stderr.decode("utf-8", "replace")
        self.assertNotEqual(proc.returncode, 0, stderr)
        self.assertTrue(stderr, "the failure is reported")
        for line in stderr.splitlines():
            self.assertTrue(line.startswith("convene: "), f"a raw line on stderr: {line!r}")
        self.assertNotRegex(stderr, re.compile(r"^(FATAL|ERROR|WARNING):", re.M))

    def start_convene(self, *args):
        return subprocess.Popen([BIN, *args], env=self.env, cwd=self.dir,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


if __name__ == "__main__":
    unittest.main()
