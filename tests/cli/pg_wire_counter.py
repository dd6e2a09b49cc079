"""A counting relay between convene and the test's PostgreSQL server (issue 28): it listens on
a Unix socket of its own, passes every byte through unchanged, and counts what the client asks
the server to answer. A round trip ends with a Sync ('S', the extended protocol) or is a simple
Query ('Q'); libpq sends one of them each time it waits for an answer, so their number is the
number of times convene waits on the network. Statements are Executes ('E') and the `;`-separated
parts of each Query."""
import os
import shutil
import socket
import struct
import tempfile
import threading
import urllib.parse

# Requests sent before the startup message, without a type byte (SSL, GSS encryption).
_PRE_STARTUP = (80877103, 80877104)


def _shut(*sockets):
    """Ends both directions of a relayed connection; the second thread to get here closes."""
    for s in sockets:
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
    for s in sockets:
        s.close()


class WireCounter:
    def __init__(self, server):
        self.folder = tempfile.mkdtemp(prefix="convene-relay-")
        self._target = os.path.join(server.folder, f".s.PGSQL.{server.port}")
        self._port = server.port
        self._user = server.user
        self._listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._listener.bind(os.path.join(self.folder, f".s.PGSQL.{server.port}"))
        self._listener.listen(8)
        self._lock = threading.Lock()
        self.round_trips = 0
        self.statements = 0
        self.queries = []
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, server_url):
        """`server_url` with this relay's folder as its host."""
        parts = urllib.parse.urlsplit(server_url)
        query = dict(urllib.parse.parse_qsl(parts.query))
        query["host"] = self.folder
        return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))

    def reset(self):
        with self._lock:
            self.round_trips = self.statements = 0
            self.queries = []

    def close(self):
        self._listener.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _accept(self):
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            upstream.connect(self._target)
            threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()
            threading.Thread(target=self._client, args=(client, upstream), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            _shut(source, sink)

    def _client(self, client, upstream):
        buffer = b""
        started = False
        try:
            while data := client.recv(65536):
                upstream.sendall(data)
                buffer += data
                buffer, started = self._count(buffer, started)
        except OSError:
            pass
        finally:
            _shut(client, upstream)

    def _count(self, buffer, started):
        """Counts the whole messages at the start of `buffer`; returns what is left."""
        while True:
            if not started:
                if len(buffer) < 8:
                    return buffer, started
                length, code = struct.unpack("!ii", buffer[:8])
                if len(buffer) < length:
                    return buffer, started
                buffer = buffer[length:]
                started = code not in _PRE_STARTUP
                continue
            if len(buffer) < 5:
                return buffer, started
            kind = buffer[:1]
            length = struct.unpack("!i", buffer[1:5])[0]
            if len(buffer) < 1 + length:
                return buffer, started
            body = buffer[5:1 + length]
            buffer = buffer[1 + length:]
            with self._lock:
                if kind in (b"S", b"Q"):
                    self.round_trips += 1
                if kind == b"E":
                    self.statements += 1
                if kind == b"Q":
                    text = body.rstrip(b"\0").decode("utf-8", "replace")
                    self.statements += len([p for p in text.split(";") if p.strip()])
                    self.queries.append(text)
                if kind == b"P":
                    self.queries.append(body.split(b"\0")[1].decode("utf-8", "replace"))
