"""A real PostgreSQL server for the tests, private to one Python process.

server() starts it on first use: initdb into a temporary folder (as the unprivileged `postgres`
user when the tests run as root, since PostgreSQL refuses to run as root), listening only on a
Unix socket inside that folder, with durability switched off for speed (fsync, synchronous
commit and full-page writes: a crash loses a throwaway server, nothing else). Each test asks for
fresh_database(), an empty database of its own, and gets a libpq URI for it.

The server never outlives its test run by long. A watchdog process, in a session of its own so
that a kill of the test's process group spares it, holds the read end of a pipe whose write end
only this Python process holds. It stops the server (pg_ctl stop -m immediate) and removes the
folder as soon as that pipe closes, which happens however the Python process ends (normal exit,
exception, SIGKILL from a ctest timeout), or when the lifetime runs out
($CONVENE_TEST_PG_LIFETIME seconds after the server started, by default 600, ctest's timeout
for a CLI test file).

available() says whether the binaries are here; tests skip (never pass) when they are not.
$CONVENE_PG_BINDIR, when set, is the only folder where they are looked for.
"""
import atexit
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import urllib.parse

DEFAULT_LIFETIME = 600
SERVER_USER = "postgres"  # the user Debian's package creates
_PROGRAMS = ("initdb", "pg_ctl", "postgres", "psql")

# The watchdog, run by /usr/bin/python3 -c: argv = read fd, lifetime, folder, data dir, pg_ctl,
# then the command prefix that runs programs as the server's owner (empty when not root).
_WATCHDOG = r"""
import os, select, shutil, signal, subprocess, sys, time
fd, lifetime, folder, data, pg_ctl = int(sys.argv[1]), float(sys.argv[2]), *sys.argv[3:6]
as_owner = sys.argv[6:]
deadline = time.monotonic() + lifetime + 300  # initdb and the start have their own timeouts
while True:
    left = deadline - time.monotonic()
    if left <= 0:
        break
    ready, _, _ = select.select([fd], [], [], left)
    if ready:
        if not os.read(fd, 4096):
            break  # end of file: the test process is gone or done
        deadline = time.monotonic() + lifetime  # the server is up: its lifetime starts now
pid_file = os.path.join(data, "postmaster.pid")
if os.path.exists(pid_file):
    try:
        stopped = subprocess.run(as_owner + [pg_ctl, "stop", "-D", data, "-m", "immediate",
                                             "-w", "-t", "30"], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, timeout=60).returncode == 0
    except subprocess.TimeoutExpired:
        stopped = False
    if not stopped:  # the postmaster's pid is the first line of its pid file
        try:
            with open(pid_file) as f:
                os.kill(int(f.readline()), signal.SIGKILL)
        except (OSError, ValueError):
            pass
shutil.rmtree(folder, ignore_errors=True)
"""


def bindir():
    """The folder with initdb, pg_ctl, postgres and psql, or None. $CONVENE_PG_BINDIR, when
    set, is the only place looked at."""
    if "CONVENE_PG_BINDIR" in os.environ:
        candidates = [os.environ["CONVENE_PG_BINDIR"]]
    else:
        candidates = ["/usr/lib/postgresql/15/bin"]
        candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for folder in candidates:
        if folder and all(os.access(os.path.join(folder, p), os.X_OK) for p in _PROGRAMS):
            return folder
    return None


def _running_as_root():
    return os.geteuid() == 0


def why_unavailable():
    """None when a server can be started here, else the reason (for skipTest)."""
    if not sys.platform.startswith("linux"):
        return "the PostgreSQL fixture runs on Linux only"
    if bindir() is None:
        return "PostgreSQL is not installed (Debian package postgresql)"
    if _running_as_root():
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return f"running as root, and there is no '{SERVER_USER}' user to run PostgreSQL as"
        if not shutil.which("runuser"):
            return "running as root, and runuser is missing"
    return None


def available():
    return why_unavailable() is None


SKIP_MARK = "SKIPPED (PostgreSQL): "


def announce_skip(reason):
    """Says once, at the top of a test file's log, why its PostgreSQL tests cannot run here.
    The tests themselves skip, and run_tests.py reports the entry to ctest as skipped."""
    if reason:
        print(SKIP_MARK + reason, file=sys.stderr, flush=True)


def _free_port():
    """A port number nothing on 127.0.0.1 uses. The server listens on no TCP port at all; the
    number only names its socket file (.s.PGSQL.PORT), and a free one keeps it out of the way of
    anything else that might look at it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One running server. Use server() rather than making one."""

    def __init__(self, lifetime=None):
        reason = why_unavailable()
        if reason:
            raise RuntimeError(reason)
        self.bin = bindir()
        self.lifetime = float(lifetime or os.environ.get("CONVENE_TEST_PG_LIFETIME")
                              or DEFAULT_LIFETIME)
        if _running_as_root():
            self.user = SERVER_USER
            self._as_owner = ["runuser", "-u", SERVER_USER, "--"]
        else:
            self.user = pwd.getpwuid(os.geteuid()).pw_name
            self._as_owner = []
        self.folder = tempfile.mkdtemp(prefix="convene-pg-")
        self.data = os.path.join(self.folder, "data")
        self.log = os.path.join(self.folder, "server.log")
        self.port = _free_port()
        self._names = itertools.count(1)
        self._lock = threading.Lock()
        self._watchdog = None
        self._pipe = None
        try:
            if self._as_owner:
                entry = pwd.getpwnam(SERVER_USER)
                os.chown(self.folder, entry.pw_uid, entry.pw_gid)
            os.chmod(self.folder, 0o700)
            self._start_watchdog()
            self._initdb()
            self._start()
            os.write(self._pipe, b"up")
        except BaseException:
            self.stop()
            raise

    # --- life cycle --------------------------------------------------------------------------

    def _start_watchdog(self):
        read_end, self._pipe = os.pipe()  # both not inherited by other children
        try:
            self._watchdog = subprocess.Popen(
                ["/usr/bin/python3", "-c", _WATCHDOG, str(read_end), str(self.lifetime),
                 self.folder, self.data, self._program("pg_ctl"), *self._as_owner],
                pass_fds=[read_end], start_new_session=True, stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        finally:
            os.close(read_end)

    def _program(self, name):
        return os.path.join(self.bin, name)

    def _run_as_owner(self, *command, timeout=120):
        result = subprocess.run([*self._as_owner, *command], capture_output=True, text=True,
                                timeout=timeout, cwd=self.folder)
        if result.returncode != 0:
            raise RuntimeError(f"{os.path.basename(command[0])} failed ({result.returncode}):\n"
                               f"{result.stdout}{result.stderr}{self._log_tail()}")
        return result.stdout

    def _initdb(self):
        self._run_as_owner(self._program("initdb"), "-D", self.data, "-A", "trust", "-N",
                           "-E", "UTF8", "--locale", "C.UTF-8", "-U", self.user)
        settings = {
            "listen_addresses": "''",
            "unix_socket_directories": f"'{self.folder}'",
            "port": str(self.port),
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "100",
            "shared_buffers": "32MB",
            "max_wal_size": "256MB",
            "checkpoint_timeout": "1h",
            "autovacuum": "off",  # nothing in a test lives long enough to need it
            "logging_collector": "off",
            "log_min_messages": "warning",
            "timezone": "'UTC'",
        }
        conf = os.path.join(self.data, "postgresql.conf")
        # The file belongs to the server's owner; root may append to it all the same.
        with open(conf, "a", encoding="utf-8") as f:
            f.write("\n# convene test fixture\n")
            f.writelines(f"{key} = {value}\n" for key, value in settings.items())

    def _start(self):
        self._run_as_owner(self._program("pg_ctl"), "start", "-D", self.data, "-l", self.log,
                           "-w", "-t", "60", "-s")

    def restart(self):
        """Restarts the server as an administrator would (pg_ctl restart -m fast): every session
        is ended, then the server is back on the same socket."""
        self._run_as_owner(self._program("pg_ctl"), "restart", "-D", self.data, "-l", self.log,
                           "-m", "fast", "-w", "-t", "60", "-s")

    def _log_tail(self):
        try:
            with open(self.log, encoding="utf-8", errors="replace") as f:
                return "\nserver log:\n" + "".join(f.readlines()[-20:])
        except OSError:
            return ""

    def postmaster_pid(self):
        """The server's process id (the first line of postmaster.pid), or None."""
        try:
            with open(os.path.join(self.data, "postmaster.pid")) as f:
                return int(f.readline())
        except (OSError, ValueError):
            return None

    def stop(self):
        """Stops the server and removes its folder: closing the pipe tells the watchdog to do
        it (one way to clean up, whatever ends the test run); this waits until it is done."""
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        if self._watchdog is not None:
            try:
                self._watchdog.wait(timeout=120)
            except subprocess.TimeoutExpired:
                self._watchdog.kill()
                self._watchdog.wait()
            self._watchdog = None
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- databases ---------------------------------------------------------------------------

    def url(self, database):
        """The libpq URI of `database` on this server (the socket folder as host)."""
        query = urllib.parse.urlencode({"host": self.folder, "port": self.port}, safe="/")
        return f"postgresql://{self.user}@/{urllib.parse.quote(database, safe='')}?{query}"

    def fresh_database(self):
        """Creates an empty database with a name not used before; returns its URI."""
        with self._lock:
            name = f"convene_test_{os.getpid()}_{next(self._names)}"
        self.psql(self.url("postgres"), f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url):
        """Drops the database `url` names, even with sessions still connected."""
        name = database_name(url)
        self.psql(self.url("postgres"), f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def psql(self, url, sql):
        """Runs `sql` (one or more statements) in the database at `url`; stops at the first
        error (RuntimeError with psql's message). Returns the rows unaligned, one per line,
        columns separated by tabs."""
        result = subprocess.run(
            [self._program("psql"), "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
             "-d", url], input=sql, capture_output=True, text=True, timeout=120,
            env=dict(os.environ, PGCONNECT_TIMEOUT="30"))
        if result.returncode != 0:
            raise RuntimeError(f"psql failed ({result.returncode}): {result.stderr.strip()}")
        return result.stdout

    def database_files(self, url):
        """The bytes of every file that holds the tables and indexes of the database at `url`
        (base/OID/ of the data folder) after a CHECKPOINT wrote what was in memory. The
        write-ahead log is not included: it keeps history until the server recycles it."""
        oid = self.psql(url, "SELECT oid FROM pg_database WHERE datname = current_database();"
                             "CHECKPOINT").strip()
        folder = os.path.join(self.data, "base", oid)
        data = b""
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    data += f.read()
        return data


def database_name(url):
    return urllib.parse.unquote(urllib.parse.urlsplit(url).path.lstrip("/"))


_server = None
_server_lock = threading.Lock()


def server():
    """The server of this Python process, started on first use and stopped at exit."""
    global _server
    with _server_lock:
        if _server is None:
            _server = Server()
            atexit.register(_server.stop)
        return _server
