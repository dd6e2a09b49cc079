"""convene send when things go wrong (issue 31): a mail program that never exits, an SMTP
server that stalls, refusals for good (5xx) and for now (4xx) with the server's own words,
addresses that need SMTPUTF8, internationalised domains, a broken template in one language,
and organiser.email values that would break the SMTP dialogue. The SMTP server is the real
sink the send tests use (python3-aiosmtpd on 127.0.0.1); a stalled server is a socket that
accepts and never answers. Every case: one error line, the documented exit code, nothing sent
twice, the ledger saying only what went out.
"""
import email
import email.policy
import os
import socket
import threading
import time
import unittest

import postgres_server
from harness import POSTGRESQL, ConveneTestCase
from ics_testing import ORGANISER_TOML
from test_send import Controller, Sink, free_port

# The advisory lock convene's writers take on PostgreSQL (postgres_connection.cpp): "convene".
WRITER_LOCK = int.from_bytes(b"convene", "big")

# A sendmail that accepts each message, notes its recipient, and, for the first one with
# $HOLD_LEDGER set, first has another process take the database's writer lock for three
# seconds: the ledger cannot record what it just accepted.
SENDMAIL = r"""
import os, re, subprocess, sys, time
message = sys.stdin.read()
to = re.search(r"^To: .*<([^>]+)>", message, re.M).group(1)
with open("delivered.log", "a") as log:
    log.write(to + "\n")
if os.environ.get("HOLD_LEDGER") and not os.path.exists("held"):
    open("held", "w").close()
    if os.environ.get("CONVENE_DB", "").startswith("postgresql://"):
        holder = [os.environ["PSQL"], "-X", "-q", "-d", os.environ["CONVENE_DB"]]
        script = ("SELECT pg_advisory_lock(%s);\n\\! touch ready\n"
                  "SELECT pg_sleep(3);\n" % os.environ["WRITER_LOCK"])
        psql = subprocess.Popen(holder, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                start_new_session=True)
        psql.stdin.write(script.encode())
        psql.stdin.close()
    else:
        subprocess.Popen([sys.executable, "-c",
                          "import sqlite3, time; c = sqlite3.connect('convene.db', "
                          "isolation_level=None); c.execute('BEGIN IMMEDIATE'); "
                          "open('ready', 'w').close(); time.sleep(3)"],
                         start_new_session=True)
    deadline = time.monotonic() + 30
    while not os.path.exists("ready") and time.monotonic() < deadline:
        time.sleep(0.02)
"""

JANE = ("Jane Doe", "jane@example.org")
JOSE = ("José Núñez", "josé@example.org")
ANNE = ("Anne Café", "anne@café.example")
ELODIE = ("Élodie Zoé", "elodie@exemple.fr")


class FaultySink(Sink):
    """The send tests' sink, also refusing some addresses for now (451)."""

    def __init__(self):
        super().__init__()
        self.busy = set()
        self.mail_options = []

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.mail_options.append(list(mail_options))
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.busy:
            return "451 4.2.1 mailbox busy, try again later"
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


def start_sink(test, smtputf8=False):
    sink = FaultySink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port, ready_timeout=30,
                            enable_SMTPUTF8=smtputf8)
    controller.start()
    test.addCleanup(controller.stop)
    return sink, port


def start_silent_server(test):
    """A TCP server on 127.0.0.1 that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held = []

    def accept():
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            held.append(connection)

    threading.Thread(target=accept, daemon=True).start()

    def close():
        listener.close()
        for connection in held:
            connection.close()

    test.addCleanup(close)
    return listener.getsockname()[1]


@unittest.skipIf(Controller is None, "python3-aiosmtpd is not installed")
class SendFaults(ConveneTestCase):
    def setUp(self):
        super().setUp()
        _, self.slug = self.create_briefing("--locale", "en")

    def configure(self, mail, organiser=ORGANISER_TOML, extra=""):
        self.write("convene.toml", organiser + "[mail]\n" + mail + extra)

    def smtp(self, port, extra=""):
        self.configure(f'smtp_url = "smtp://127.0.0.1:{port}"\n', extra=extra)

    def register(self, *people, language=None):
        for name, address in people:
            extra = ["--language", language] if language else []
            self.ok("register", self.slug, "--name", name, "--email", address, *extra)

    def sent(self):
        rows = self.ok("list", "attendees", self.slug, "--format", "tsv", "--no-header",
                       "--fields", "email,sent_method")
        return {line.split("\t")[0]: line.split("\t")[1] for line in rows.splitlines()}

    # --- hangs -------------------------------------------------------------------------------

    def test_a_mail_program_that_never_exits_is_stopped_at_mail_timeout(self):
        self.register(JANE, ELODIE)
        self.configure('sendmail = "/bin/sleep 600"\ntimeout = "2s"\n')
        started = time.monotonic()
        error = self.fails(7, "send", self.slug)
        self.assertLess(time.monotonic() - started, 60)
        self.assertIn("did not finish within 2s (mail.timeout)", error)
        self.assertIn(JANE[1], error, "the message in doubt is named")
        self.assertEqual(self.sent(), {JANE[1]: "", ELODIE[1]: ""})

    def test_a_smtp_server_that_never_answers_is_given_up_at_mail_timeout(self):
        self.register(JANE)
        self.smtp(start_silent_server(self), 'timeout = "2s"\n')
        started = time.monotonic()
        error = self.fails(7, "send", self.slug)
        self.assertLess(time.monotonic() - started, 60)
        self.assertIn("SMTP server smtp://127.0.0.1:", error)
        self.assertRegex(error, "time(d)? ?out")
        self.assertEqual(self.sent(), {JANE[1]: ""})

    def test_a_template_that_is_a_fifo_is_refused_without_waiting(self):
        self.register(JANE)
        sink, port = start_sink(self)
        os.mkdir(self.path("templates"))
        os.mkfifo(self.path("templates", "invitation.txt"))
        self.smtp(port, '[invitations]\ntemplates = "templates"\n')
        error = self.fails(5, "send", self.slug)
        self.assertIn("invitation.txt: is not a regular file", error)
        self.assertEqual(sink.received(), [])

    # --- templates are all checked before anything goes out -----------------------------------

    def test_a_bad_placeholder_in_one_language_stops_send_before_any_message(self):
        self.register(JANE)
        self.register(ELODIE, language="fr")
        sink, port = start_sink(self)
        os.mkdir(self.path("templates"))
        self.write("templates/invitation.fr.txt", "Bonjour {{nom}},\n{{summary}}\n")
        self.smtp(port, '[invitations]\ntemplates = "templates"\n')
        error = self.fails(5, "send", self.slug)
        self.assertIn("invitation.fr.txt:1: unknown placeholder {{nom}}", error)
        self.assertEqual(sink.received(), [], "not even the English invitation went out")
        self.assertEqual(self.sent(), {JANE[1]: "", ELODIE[1]: ""})

    def test_templates_that_are_not_there_or_not_text_are_errors_not_the_built_in(self):
        self.register(JANE)
        sink, port = start_sink(self)
        self.smtp(port, '[invitations]\ntemplates = "missing"\n')
        self.assertIn("the folder", self.fails(2, "send", self.slug))
        os.mkdir(self.path("templates"))
        os.symlink(self.path("templates", "gone.txt"), self.path("templates", "invitation.txt"))
        self.smtp(port, '[invitations]\ntemplates = "templates"\n')
        self.assertIn("invitation.txt: cannot be read", self.fails(5, "send", self.slug))
        os.remove(self.path("templates", "invitation.txt"))
        self.write("templates/invitation.txt", b"Bonjour \xe9t\xe9\n", "wb")
        self.assertIn("not valid UTF-8", self.fails(5, "send", self.slug))
        self.assertEqual(sink.received(), [])

    # --- refusals: the server's words, for good or for now ------------------------------------

    def test_refusals_carry_the_servers_words_and_say_whether_to_retry(self):
        self.register(JANE, ELODIE)
        sink, port = start_sink(self)
        self.smtp(port)
        sink.refused.add(JANE[1])
        sink.busy.add(ELODIE[1])
        result = self.run_convene("send", self.slug)
        self.assertEqual(result.code, 7, result.stderr)
        self.assertIn(f"not sent to {JANE[1]} (refused for good): the server refused RCPT TO: "
                      "550 5.1.1 no such mailbox here", result.stderr)
        self.assertIn(f"not sent to {ELODIE[1]} (refused for now): the server refused RCPT TO: "
                      "451 4.2.1 mailbox busy, try again later", result.stderr)
        self.assertIn("did not accept 2 of 2 messages (1 for good, 1 for now)", result.stderr)
        self.assertIn("again later for those refused for now", result.stderr)
        sink.refused.clear()
        sink.busy.clear()
        self.assertEqual(self.run_convene("send", self.slug, "--retry-failed").code, 0)
        self.assertEqual(sorted(r[0][0] for r in sink.received()), [ELODIE[1], JANE[1]])

    def test_a_permanent_refusal_alone_does_not_suggest_sending_again(self):
        self.register(JANE)
        sink, port = start_sink(self)
        self.smtp(port)
        sink.refused.add(JANE[1])
        result = self.run_convene("send", self.slug)
        self.assertEqual(result.code, 7, result.stderr)
        hint = [l for l in result.stderr.splitlines() if l.startswith("convene: hint: ")]
        self.assertEqual(len(hint), 1, result.stderr)
        self.assertIn("sending again will not help", hint[0])

    def test_refused_for_good_is_held_back_until_retry_failed(self):
        self.register(JANE, ELODIE)
        sink, port = start_sink(self)
        self.smtp(port)
        sink.refused.add(JANE[1])
        sink.busy.add(ELODIE[1])
        self.assertEqual(self.run_convene("send", self.slug).code, 7)
        sink.refused.clear()
        sink.busy.clear()
        plan = self.ok("send", self.slug, "--plan", "--format", "tsv").splitlines()[1:]
        self.assertIn("refused for good", plan[0])
        self.assertIn("held back (--retry-failed sends it)", plan[0])
        self.assertIn("refused for now", plan[1])
        self.assertNotIn("held back", plan[1])
        result = self.run_convene("send", self.slug)
        self.assertEqual(result.code, 0, result.stderr)
        self.assertIn(f"convene: warning: not sent to {JANE[1]}: refused for good", result.stderr)
        self.assertEqual([r[0][0] for r in sink.received()], [ELODIE[1]])
        self.ok("send", self.slug, "--retry-failed")
        self.assertEqual([r[0][0] for r in sink.received()], [ELODIE[1], JANE[1]])
        self.assertEqual(self.sent(), {JANE[1]: "REQUEST", ELODIE[1]: "REQUEST"})

    # --- the ledger cannot record what went out -------------------------------------------------

    def test_a_ledger_write_that_fails_after_acceptance_does_not_send_twice(self):
        self.register(JANE, ELODIE)
        self.write("sendmail.py", SENDMAIL)
        self.configure(f'sendmail = "/usr/bin/python3 {self.path("sendmail.py")}"\n')
        env = {"HOLD_LEDGER": "1", "CONVENE_LOCK_WAIT": "1s", "WRITER_LOCK": str(WRITER_LOCK)}
        if POSTGRESQL:
            env["PSQL"] = os.path.join(postgres_server.bindir(), "psql")
        failed = self.run_convene("send", self.slug, env=env)
        self.assertEqual(failed.code, 6, failed.stderr)
        self.assertIn(f"convene: error: the mail system accepted the message to {JANE[1]}, but "
                      "the ledger could not record it", failed.stderr)
        self.assertIn("convene: hint: it is marked as in doubt: convene send will not send it "
                      "again unless told to with --retry-failed", failed.stderr)
        deadline = time.monotonic() + 30
        while True:  # the other writer lets go after three seconds
            result = self.run_convene("send", self.slug)
            if result.code == 0 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        self.assertEqual(result.code, 0, result.stderr)
        self.assertIn(f"not sent to {JANE[1]}: in doubt", result.stderr)
        with open(self.path("delivered.log")) as log:
            self.assertEqual(sorted(log.read().split()), [ELODIE[1], JANE[1]], "each once")
        self.ok("send", self.slug, "--retry-failed")
        with open(self.path("delivered.log")) as log:
            self.assertEqual(sorted(log.read().split()), [ELODIE[1], JANE[1], JANE[1]])
        self.assertEqual(self.sent(), {JANE[1]: "REQUEST", ELODIE[1]: "REQUEST"})

    # --- internationalised addresses ----------------------------------------------------------

    def test_a_non_ascii_local_part_without_smtputf8_is_not_deliverable_the_others_are_sent(self):
        self.register(JANE, JOSE)
        sink, port = start_sink(self, smtputf8=False)
        self.smtp(port)
        result = self.run_convene("send", self.slug)
        self.assertEqual(result.code, 7, result.stderr)
        self.assertIn(f"not sent to {JOSE[1]} (refused for good): the address is not ASCII and "
                      "the SMTP server does not offer SMTPUTF8", result.stderr)
        self.assertEqual([r[0] for r, _ in sink.received()], [JANE[1]])
        self.assertEqual(self.sent(), {JANE[1]: "REQUEST", JOSE[1]: ""})

    def test_a_non_ascii_local_part_goes_out_with_smtputf8_when_offered(self):
        self.register(JOSE, JANE)
        sink, port = start_sink(self, smtputf8=True)
        self.smtp(port)
        self.ok("send", self.slug)
        received = {r[0]: data for r, data in sink.received()}
        self.assertEqual(sorted(received), sorted([JOSE[1], JANE[1]]))
        self.assertTrue(any("SMTPUTF8" in [o.upper() for o in options]
                            for options in sink.mail_options), sink.mail_options)
        # An SMTPUTF8 message: its headers are UTF-8 (RFC 6532).
        message = email.message_from_string(received[JOSE[1]].decode("utf-8"),
                                            policy=email.policy.default)
        self.assertEqual(message["To"].addresses[0].addr_spec, JOSE[1])

    def test_an_internationalised_domain_travels_in_punycode(self):
        self.register(ANNE)
        sink, port = start_sink(self)
        self.smtp(port)
        self.ok("send", self.slug)
        [(recipients, data)] = sink.received()
        self.assertEqual(recipients, ["anne@xn--caf-dma.example"])
        message = email.message_from_bytes(data, policy=email.policy.default)
        self.assertEqual(message["To"].addresses[0].addr_spec, "anne@xn--caf-dma.example")
        self.assertTrue(all(b < 0x80 for b in data.split(b"\r\n\r\n", 1)[0]), "7-bit headers")

    # --- the organiser's address --------------------------------------------------------------

    def test_an_organiser_email_with_a_line_break_is_refused_at_config_load(self):
        self.register(JANE)
        sink, port = start_sink(self)
        organiser = ('[organiser]\nname = "Events"\n'
                     'email = "events@example.org\\r\\nRCPT TO:<victim@example.org>"\n')
        self.configure(f'smtp_url = "smtp://127.0.0.1:{port}"\n', organiser=organiser)
        error = self.fails(5, "send", self.slug)
        self.assertIn("organiser.email: not an e-mail address", error)
        self.assertEqual(sink.received(), [])

    def test_an_organiser_email_with_a_name_is_a_name_and_an_address(self):
        self.register(JANE)
        sink, port = start_sink(self)
        organiser = '[organiser]\nemail = "Events Team <events@example.org>"\n'
        self.configure(f'smtp_url = "smtp://127.0.0.1:{port}"\n', organiser=organiser)
        self.ok("send", self.slug)
        [(_, data)] = sink.received()
        message = email.message_from_bytes(data, policy=email.policy.default)
        [sender] = message["From"].addresses
        self.assertEqual((sender.display_name, sender.addr_spec), ("Events Team", "events@example.org"))


if __name__ == "__main__":
    unittest.main()
