"""Shared set-up for end-to-end tests: run the built convene binary in a fresh temporary folder.

Every test gets its own folder (the working directory, so ./convene.db lands there), a clean
environment (no CONVENE_* variables, HOME and XDG_CONFIG_HOME inside the folder) and a fixed
SOURCE_DATE_EPOCH so outputs are reproducible.

With CONVENE_TEST_STORE=postgresql (ctest's `cli-pg: NAME` entries), every test gets instead a
fresh database of its own on a real PostgreSQL server that postgres_server.py starts, with the
schema made by `convene db init`, and CONVENE_DB pointing at it. Tests about the SQLite file
itself are marked @sqlite_only(reason) and reported as skipped there.

After every test, `convene db check` runs on the test's store (the SQLite file convene.db in
the test's folder when there is one, or its PostgreSQL database) and must find it sound, so no
test leaves a broken database unnoticed. A test that damages its database on purpose says so
with self.damaged_on_purpose = True.
"""
import json
import os
import subprocess
import tempfile
import time
import unittest
from dataclasses import dataclass

import postgres_server

BIN = os.environ.get("CONVENE_BIN", "")
SOURCE_DIR = os.environ.get("CONVENE_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
FIXED_EPOCH = "1700000000"  # 2023-11-14T22:13:20Z
STORE = os.environ.get("CONVENE_TEST_STORE", "sqlite")
if STORE not in ("sqlite", "postgresql"):
    raise RuntimeError(f"CONVENE_TEST_STORE={STORE}: expected sqlite or postgresql")
POSTGRESQL = STORE == "postgresql"


if POSTGRESQL:
    postgres_server.announce_skip(postgres_server.why_unavailable())


# Skip reasons of tests that another entry of the same ctest run covers: run_tests.py does not
# count them as skipped (every other skip reports the entry as skipped, not passed).
SQLITE_ONLY = "SQLite only: "
NOT_UNDER_SANITIZERS = "not measured under the sanitizers: "
BY_DESIGN = (SQLITE_ONLY, NOT_UNDER_SANITIZERS)
SANITIZED = os.environ.get("CONVENE_SANITIZED") == "1"


def sqlite_only(reason):
    """Marks a test (or a class of tests) that is about the SQLite file itself: skipped, with
    `reason`, when the suite runs against PostgreSQL (its `cli:` entry runs it)."""
    return unittest.skipIf(POSTGRESQL, SQLITE_ONLY + reason)


def not_under_sanitizers(reason):
    """Marks a measurement that means nothing in a sanitized build (the sanitizers keep freed
    memory in quarantine): skipped there, run by the release build's entries."""
    return unittest.skipIf(SANITIZED, NOT_UNDER_SANITIZERS + reason)


def update_golden():
    """Whether golden files are rewritten from what convene writes instead of compared with it:
    CONVENE_UPDATE_GOLDEN=1 only. Unset, empty or 0 compare; any other value is a mistake,
    not a yes."""
    value = os.environ.get("CONVENE_UPDATE_GOLDEN", "")
    if value not in ("", "0", "1"):
        raise ValueError(f"CONVENE_UPDATE_GOLDEN={value!r}: set 1 to rewrite the golden files, "
                         "0 or nothing to compare")
    return value == "1"


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)


class ConveneTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        if not BIN:
            self.skipTest("CONVENE_BIN is not set (run through ctest)")
        if POSTGRESQL and postgres_server.why_unavailable():
            self.skipTest(postgres_server.why_unavailable())
        self._tmp = tempfile.TemporaryDirectory(prefix="convene-test-")
        self.addCleanup(self._tmp.cleanup)  # cleanups run last in, first out: this one last
        self.dir = self._tmp.name
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("CONVENE_")}
        self.env.update({
            "HOME": self.dir,
            "XDG_CONFIG_HOME": os.path.join(self.dir, "xdg"),
            "SOURCE_DATE_EPOCH": FIXED_EPOCH,
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
        })
        self.env.pop("NO_COLOR", None)
        self.env.pop("COLUMNS", None)  # tables fit $COLUMNS outside a terminal
        self.damaged_on_purpose = False
        if POSTGRESQL:
            self.env["CONVENE_DB"] = self.postgres_database()

    def postgres_database(self):
        """A fresh PostgreSQL database with convene's schema, dropped after the test; its URI."""
        server = postgres_server.server()
        url = server.fresh_database()
        self.addCleanup(server.drop_database, url)
        self.ok("--db", url, "db", "init")
        return url

    def other_store(self, name="other.db"):
        """Where a second, empty store is, for `--db` or CONVENE_DB: the SQLite file `name` in
        the test's folder, or with PostgreSQL another fresh database."""
        return self.postgres_database() if POSTGRESQL else self.path(name)

    def store_sql(self, sql):
        """Runs `sql` on the store behind convene's back, as another program would; returns the
        rows, one per line, columns separated by '|' on SQLite and by tabs on PostgreSQL."""
        if POSTGRESQL:
            return postgres_server.server().psql(self.env["CONVENE_DB"], sql)
        return subprocess.run(["sqlite3", self.path("convene.db"), sql], check=True, timeout=60,
                              capture_output=True, text=True).stdout

    def local_store_files(self):
        """The files the store leaves in the test's folder once convene has exited."""
        return [] if POSTGRESQL else ["convene.db"]

    def stored_bytes(self):
        """Every byte the store holds on disk (for tests that nothing erased is kept): the
        SQLite file with its journals, or the PostgreSQL database's table and index files."""
        if POSTGRESQL:
            return postgres_server.server().database_files(self.env["CONVENE_DB"])
        data = b""
        for suffix in ("", "-wal", "-journal"):
            if os.path.exists(self.path("convene.db" + suffix)):
                with open(self.path("convene.db" + suffix), "rb") as f:
                    data += f.read()
        return data

    def assert_nothing_stored(self):
        """No event was stored: with SQLite not even a database file was made; with PostgreSQL
        (where the database exists beforehand) it holds no event."""
        if POSTGRESQL:
            self.assertEqual(json.loads(self.ok("list", "events", "--format", "json")), [])
        else:
            self.assertIn("no database at", self.fails(3, "list", "events"))

    def tearDown(self):
        # Before the cleanups, which remove the folder and drop the databases.
        self.assert_store_is_sound()

    def check_database(self, store=None):
        """Runs `convene db check` on `store` (default: the test's own), from a folder of its
        own so that the test's configuration files play no part; returns the Result."""
        store = store or self.env.get("CONVENE_DB") or self.path("convene.db")
        with tempfile.TemporaryDirectory(prefix="convene-check-") as elsewhere:
            env = {k: v for k, v in self.env.items() if not k.startswith("CONVENE_")}
            env.update(HOME=elsewhere, XDG_CONFIG_HOME=elsewhere)
            proc = subprocess.run([BIN, "--db", store, "db", "check"], capture_output=True,
                                  env=env, cwd=elsewhere, timeout=300)
        return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                      proc.stderr.decode("utf-8", "replace"))

    def assert_store_is_sound(self):
        """The test's store passes `db check` (a SQLite store only once a file was made)."""
        if self.damaged_on_purpose:
            return
        if not POSTGRESQL and "CONVENE_DB" not in self.env and \
                not os.path.exists(self.path("convene.db")):
            return
        result = self.check_database()
        self.assertEqual(result.code, 0, f"db check after the test:\n{result.stdout}{result.stderr}")

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def write(self, name, content, mode="w"):
        with open(self.path(name), mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""})) as f:
            f.write(content)
        return self.path(name)

    def run_convene(self, *args, input=None, env=None, cwd=None):
        """Runs convene and returns a Result, whatever the exit code."""
        full_env = dict(self.env)
        if env:
            full_env.update(env)
        proc = subprocess.run([BIN, *args], input=input.encode() if isinstance(input, str) else input,
                              capture_output=True, env=full_env, cwd=cwd or self.dir, timeout=300)
        return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                      proc.stderr.decode("utf-8", "replace"))

    def run_unprivileged(self, *args):
        """Runs convene as a user that file permissions apply to: as itself, or when the tests
        run as root (who reads every file) as nobody, through setpriv, with the test's folder
        open to it."""
        if os.geteuid() != 0:
            return self.run_convene(*args)
        os.chmod(self.dir, 0o755)
        proc = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                               "--", BIN, *args], capture_output=True, env=self.env,
                              cwd=self.dir, timeout=300)
        return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                      proc.stderr.decode("utf-8", "replace"))

    def ok(self, *args, **kwargs):
        """Runs convene, asserts exit 0, returns stdout."""
        result = self.run_convene(*args, **kwargs)
        self.assertEqual(result.code, 0, f"convene {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def fails(self, code, *args, **kwargs):
        """Runs convene, asserts exit `code`, stdout empty and exactly one error line on stderr
        (optionally followed by one hint line); returns the error line."""
        result = self.run_convene(*args, **kwargs)
        self.assertEqual(result.code, code,
                         f"convene {' '.join(args)}: expected exit {code}, got {result.code}\n"
                         f"stdout: {result.stdout}\nstderr: {result.stderr}")
        lines = result.stderr.splitlines()
        errors = [line for line in lines if line.startswith("convene: error: ")]
        self.assertEqual(len(errors), 1, f"expected one error line, got:\n{result.stderr}")
        others = [line for line in lines if not line.startswith(("convene: error: ", "convene: hint: ",
                                                                   "convene: warning: "))]
        self.assertEqual(others, [], f"unexpected stderr lines:\n{result.stderr}")
        self.assertNotIn("terminate called", result.stderr)
        return errors[0]

    def peak_kib(self, *args):
        """Runs convene with stdout and stderr to /dev/null; returns its peak resident set in
        KiB, sampled from /proc (Linux). getrusage(RUSAGE_CHILDREN) would count the forking
        Python process too, hiding convene's own figure."""
        peak = 0
        with open(os.devnull, "wb") as sink:
            proc = subprocess.Popen([BIN, *args], stdout=sink, stderr=sink, env=self.env,
                                    cwd=self.dir)
            while proc.poll() is None:
                try:
                    with open(f"/proc/{proc.pid}/status") as status:
                        for line in status:
                            if line.startswith("VmHWM:"):
                                peak = max(peak, int(line.split()[1]))
                except OSError:
                    pass  # exited between poll() and open()
                time.sleep(0.002)
        self.assertEqual(proc.returncode, 0, args)
        self.assertGreater(peak, 0, "no sample taken")
        return peak

    def file_calls(self, *args):
        """The file system calls of one run of convene, one line each (strace; skips the test
        where the machine does not let strace trace)."""
        trace = self.path("trace.txt")
        # LeakSanitizer cannot work under ptrace: a sanitize build would fail on it, not on us.
        env = dict(self.env, ASAN_OPTIONS="detect_leaks=0")
        proc = subprocess.run(["strace", "-f", "-qq", "-e", "trace=%file", "-o", trace, BIN, *args],
                              capture_output=True, env=env, cwd=self.dir, timeout=300)
        if proc.returncode != 0 and not os.path.exists(trace):
            self.skipTest(f"strace cannot trace here: {proc.stderr.decode(errors='replace')}")
        self.assertEqual(proc.returncode, 0, proc.stderr.decode(errors="replace"))
        with open(trace, encoding="utf-8", errors="replace") as f:
            return f.read().splitlines()

    # --- common fixtures ---------------------------------------------------------------------

    def create_briefing(self, *extra):
        """The seed's briefing: 13 April 2022, 15:00–16:00 Europe/Paris, part of 11–13 April."""
        parent = self.ok("create-event", "--title",
                         "Migrations et déplacements en contexte de crise : Que font les GLR pour "
                         "sauver et protéger des vies ?",
                         "--slug", "peer-learning-2022", "--date", "2022-04-11",
                         "--end-date", "2022-04-13", "--tz", "Europe/Paris").strip()
        slug = self.ok("create-event", "--title",
                       "Séance d'information sur la route vers le Forum d'examen des migrations "
                       "internationales (IMRF)",
                       "--slug", "imrf-briefing", "--start", "2022-04-13T15:00", "--end", "16:00",
                       "--tz", "Europe/Paris", "--online", "https://example.org/imrf-briefing",
                       "--registration-url", "https://example.org/imrf-briefing/register",
                       "--languages", "en,fr,es", "--organiser", "Mayors Mechanism",
                       "--organiser", "Cités et Gouvernements Unis (CGLU)",
                       "--parent", parent, *extra).strip()
        return parent, slug
