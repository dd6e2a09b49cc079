"""convene send: invitations delivered to a real SMTP sink (python3-aiosmtpd) that the test
starts on 127.0.0.1 and stops, through msmtp as the sendmail command, through libcurl with
mail.smtp_url, and through libcurl to a sink that demands STARTTLS (a throwaway certificate that
openssl makes for the test) and a login. Every received message is parsed as an e-mail, and its
calendar part passes ical_check (libical) and ics_check.py (python3-icalendar) like every other
invitation.
"""
import asyncio
import email
import email.policy
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import threading
import time
import unittest

from harness import BIN
from ics_testing import ORGANISER_TOML, ExportTestCase, ics_check

try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult
except ImportError:  # reported as skipped below
    Controller = None

JANE = ("Doe, Jane", "Jane.Doe@Example.org")
ELODIE = ("Élodie Zoé", "elodie@exemple.fr")
WAIT = ("Wait Listed", "wait@example.org")


class Sink:
    """An SMTP server keeping what it receives; refuses RCPT TO for `refused` addresses and,
    with a `delay`, takes its time over each message (so that a send can be killed midway)."""

    def __init__(self):
        self.messages = []  # (envelope recipients, bytes)
        self.sessions = []  # (over TLS, login) of each message
        self.refused = set()
        self.delay = 0.0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), envelope.original_content))
            self.sessions.append((session.ssl is not None,
                                  getattr(session.auth_data, "login", None)))
        return "250 Message accepted for delivery"

    def received(self):
        with self.lock:
            return list(self.messages)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sink(test, **server):
    """An SMTP sink on 127.0.0.1 at a free port, stopped when `test` ends: (sink, port).
    `server` goes to aiosmtpd's SMTP (tls_context, authenticator…)."""
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port, ready_timeout=30, **server)
    controller.start()
    test.addCleanup(controller.stop)
    return sink, port


class SendTestCase(ExportTestCase):
    """Subclasses say how convene reaches the sink (mail_config)."""

    def setUp(self):
        super().setUp()
        if Controller is None:
            self.skipTest("python3-aiosmtpd is not installed")
        self.sink, self.port = start_sink(self, **self.server_options())
        self.write("convene.toml", ORGANISER_TOML + self.mail_config())

    def mail_config(self):
        raise NotImplementedError

    def server_options(self):
        return {}

    def register(self, slug, person):
        self.ok("register", slug, "--name", person[0], "--email", person[1])

    def briefing(self):
        _, slug = self.create_briefing("--capacity", "2")
        for person in (JANE, ELODIE, WAIT):
            self.register(slug, person)
        return slug

    def send(self, slug, *extra):
        result = self.run_convene("send", slug, *extra)
        self.assertEqual(result.code, 0, result.stderr)
        return result

    def new_messages(self, before):
        """The calendars received since `before` messages: [(address, METHOD, SEQUENCE, ics)],
        each checked as an e-mail and as an invitation."""
        out = []
        for rcpt, data in self.sink.received()[before:]:
            message = email.message_from_bytes(data, policy=email.policy.default)
            [to] = message["To"].addresses
            self.assertEqual([r.lower() for r in rcpt], [to.addr_spec.lower()])
            text, html, calendar = message.iter_parts()
            self.assertEqual(html.get_content_type(), "text/html")
            ics = calendar.get_payload(decode=True)
            method = self.property(ics, "METHOD")[0]
            self.assertEqual(calendar.get_param("method"), method)
            # libical and python3-icalendar read it alike (times change in some scenarios).
            [(uid, start, end)] = ics_check.check_bytes(ics)
            self.check(ics, [(uid, start, end)])
            [sequence] = self.property(ics, "SEQUENCE")
            out.append((to.addr_spec, method, int(sequence), ics))
        return out

    def classify(self, incoming, held):
        """libical's icalclassify of `incoming` for a calendar holding `held`."""
        tool = os.environ.get("ICAL_CLASSIFY", "")
        if not tool:
            self.skipTest("ICAL_CLASSIFY is not set (run through ctest)")
        new = self.write("incoming.ics", incoming, "wb")
        old = self.write("held.ics", held, "wb")
        result = subprocess.run([tool, new, old, "mailto:" + ELODIE[1]], capture_output=True,
                                text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.strip()

    def ledger(self, slug):
        rows = self.ok("list", "attendees", slug, "--format", "tsv", "--no-header", "--fields",
                       "email,status,sent_method,sent_sequence")
        return [tuple(line.split("\t")) for line in rows.splitlines()]

    # --- the scenarios -----------------------------------------------------------------------

    def test_first_send_then_nothing_then_one_change_once(self):
        slug = self.briefing()
        plan = self.ok("send", slug, "--dry-run", "--format", "tsv")
        self.assertEqual(plan.splitlines(), [
            "email\tname\tmethod\tsequence\treason",
            f"{JANE[1]}\t{JANE[0]}\tREQUEST\t0\tnew registration",
            f"{ELODIE[1]}\t{ELODIE[0]}\tREQUEST\t0\tnew registration",
        ])
        self.assertEqual(self.sink.received(), [], "a dry run sends nothing")

        result = self.send(slug)
        self.assertIn("sent 2 invitations and 0 cancellations", result.stderr)
        got = self.new_messages(0)
        self.assertEqual(sorted((a, m, s) for a, m, s, _ in got),
                         sorted([(JANE[1], "REQUEST", 0), (ELODIE[1], "REQUEST", 0)]))
        self.assertEqual(self.ledger(slug), [
            (JANE[1], "registered", "REQUEST", "0"),
            (ELODIE[1], "registered", "REQUEST", "0"),
            (WAIT[1], "waitlisted", "", ""),
        ])

        result = self.send(slug)
        self.assertIn("nothing to send", result.stderr)
        self.assertEqual(len(self.sink.received()), 2, "a re-send right after sends nothing")

        self.ok("update-event", slug, "--start", "2022-04-13T16:00", "--end", "17:00")
        self.assertIn("event changed from sequence 0 to 1",
                      self.ok("send", slug, "--plan", "--format", "tsv"))
        self.send(slug)
        self.send(slug)
        got = self.new_messages(2)
        self.assertEqual(sorted((a, m, s) for a, m, s, _ in got),
                         sorted([(JANE[1], "REQUEST", 1), (ELODIE[1], "REQUEST", 1)]))

    def test_a_change_is_news_in_each_persons_language(self):
        _, slug = self.create_briefing("--locale", "fr")
        self.register(slug, ELODIE)
        self.ok("register", slug, "--name", "Juan Pérez", "--email", "juan@ejemplo.es",
                "--language", "es")
        self.send(slug)
        subjects = sorted(self.subjects(0))
        self.assertTrue(subjects[0].startswith("Invitación: Séance"), subjects)
        self.assertTrue(subjects[1].startswith("Invitation\u00a0: Séance"), subjects)
        self.ok("update-event", slug, "--start", "2022-04-13T16:00", "--end", "17:00")
        # The ledger knows what each was sent: before `send`, the file says it too.
        data = self.ok("export-ics", slug, "--attendee", ELODIE[1], "--eml").encode()
        message = email.message_from_bytes(data, policy=email.policy.default)
        self.assertTrue(message["Subject"].startswith("Nouvel horaire\u00a0: Séance"))
        body = message.get_body(("plain",)).get_content()
        # Issue 29: what changed, with what it was, in words that need no gender ("Séance …
        # a été modifié" was wrong).
        self.assertNotIn("modifié", body)
        self.assertIn("Du changement pour", body)
        self.assertIn("Nouvel horaire\u00a0: 16 h 00 – 17 h 00 (auparavant 15 h 00 – 16 h 00)",
                      body)
        self.send(slug)
        subjects = sorted(self.subjects(2))
        self.assertTrue(subjects[0].startswith("Nouvel horaire\u00a0: Séance"), subjects)
        self.assertTrue(subjects[1].startswith("Nuevo horario: Séance"), subjects)
        # A new title alone is news calendars must hear, but not a new time.
        self.ok("update-event", slug, "--title", "Séance d'information (2)")
        self.send(slug)
        subjects = sorted(self.subjects(4))
        self.assertEqual(len(subjects), 2, subjects)
        self.assertTrue(subjects[0].startswith("Invitación: Séance"), subjects)
        self.assertTrue(subjects[1].startswith("Invitation\u00a0: Séance"), subjects)

    def test_a_new_place_and_link_say_what_they_were(self):
        _, slug = self.create_briefing("--locale", "en", "--venue", "Room A")
        self.register(slug, JANE)
        self.send(slug)
        self.ok("update-event", slug, "--venue", "Room B", "--online",
                "https://example.org/new-link")
        self.send(slug)
        [data] = [data for _, data in self.sink.received()[1:]]
        message = email.message_from_bytes(data, policy=email.policy.default)
        # Not the time: the subject does not say "new time".
        self.assertTrue(message["Subject"].startswith("Updated: Séance"), message["Subject"])
        body = message.get_body(("plain",)).get_content()
        self.assertIn("New place: Room B, was Room A", body)
        self.assertIn("New link to join online: https://example.org/new-link", body)
        self.assertNotIn("New time", body)
        html = message.get_body(("html",)).get_content()
        self.assertIn("New place: Room B, was Room A<br>", html)

    def test_a_new_room_says_which_it_was(self):
        _, slug = self.create_briefing("--locale", "fr", "--room", "Salle A")
        self.register(slug, JANE)
        self.send(slug)
        self.ok("update-event", slug, "--room", "Salle B")
        self.send(slug)
        [data] = [data for _, data in self.sink.received()[1:]]
        message = email.message_from_bytes(data, policy=email.policy.default)
        self.assertTrue(message["Subject"].startswith("Mise à jour"), message["Subject"])
        body = message.get_body(("plain",)).get_content()
        self.assertIn("Nouvelle salle\u00a0: Salle B (auparavant Salle A)", body)
        self.assertNotIn("Nouvel horaire", body)

    def subjects(self, before):
        return [email.message_from_bytes(data, policy=email.policy.default)["Subject"]
                for _, data in self.sink.received()[before:]]

    def test_unregister_cancel_reregister_and_cancelled_event(self):
        slug = self.briefing()
        self.send(slug)
        self.ok("unregister", slug, ELODIE[1])  # promotes WAIT from the waiting list
        self.assertEqual(self.ok("send", slug, "--plan", "--format", "tsv").splitlines()[1:], [
            f"{ELODIE[1]}\t{ELODIE[0]}\tCANCEL\t1\tregistration cancelled",
            f"{WAIT[1]}\t{WAIT[0]}\tREQUEST\t0\tnew registration",
        ])
        self.send(slug)
        got = self.new_messages(2)
        self.assertEqual(sorted((a, m, s) for a, m, s, _ in got),
                         sorted([(ELODIE[1], "CANCEL", 1), (WAIT[1], "REQUEST", 0)]))
        [cancel] = [ics for a, _, _, ics in got if a == ELODIE[1]]
        self.send(slug)
        self.assertEqual(len(self.sink.received()), 4, "one CANCEL, once")

        # Back again: a REQUEST above the CANCEL they hold, or their calendar ignores it.
        self.ok("unregister", slug, WAIT[1])
        self.send(slug)
        self.register(slug, ELODIE)
        plan = self.ok("send", slug, "--plan", "--format", "tsv").splitlines()[1:]
        self.assertEqual(plan, [f"{ELODIE[1]}\t{ELODIE[0]}\tREQUEST\t2\tregistered again"])
        before = len(self.sink.received())
        self.send(slug)
        [(address, method, sequence, ics)] = self.new_messages(before)
        self.assertEqual((address, method, sequence), (ELODIE[1], "REQUEST", 2))
        self.assertNotEqual(self.classify(ics, cancel), "OBSOLETE")
        # The file export says the same number.
        exported = self.export(slug, "--attendee", ELODIE[1])
        self.assertEqual(self.property(exported, "SEQUENCE"), ["2"])

        # Cancelling the event cancels it for everyone invited, and only them.
        self.ok("cancel-event", slug)
        before = len(self.sink.received())
        self.send(slug)
        got = self.new_messages(before)
        self.assertEqual(sorted((a, m) for a, m, _, _ in got),
                         sorted([(JANE[1], "CANCEL"), (ELODIE[1], "CANCEL")]))
        for _, _, sequence, ics in got:
            self.assertEqual(self.property(ics, "STATUS"), ["CANCELLED"])
        self.assertEqual(sorted(s for _, _, s, _ in got), [1, 3])
        self.send(slug)
        self.assertEqual(len(self.sink.received()), before + 2)

    def test_alarms_ride_along_with_invitations(self):
        slug = self.briefing()
        self.send(slug, "--alarm", "1d")
        got = self.new_messages(0)
        self.assertEqual(len(got), 2)
        for _, _, _, ics in got:
            self.assertEqual(self.property(ics, "TRIGGER"), ["-P1D"])

    def test_forget_erases_what_the_ledger_holds_for_the_person(self):
        slug = self.briefing()
        self.send(slug)
        self.ok("forget", slug, JANE[1])
        data = self.stored_bytes()
        self.assertNotIn(JANE[1].lower().encode(), data.lower())
        self.assertIn(ELODIE[1].encode(), data, "the others' ledger rows stay")
        # Her seat went to the waiting list: the one new message is for that person, not her.
        self.send(slug)
        self.assertEqual([a for a, _, _, _ in self.new_messages(2)], [WAIT[1]])

    def test_a_bad_reminder_is_a_usage_error_naming_the_flag(self):
        slug = self.briefing()
        error = self.fails(2, "send", slug, "--reminder", "soon")
        self.assertIn("--reminder:", error)
        self.assertEqual(self.sink.received(), [])

    def test_a_bad_alarm_is_a_usage_error_naming_the_flag(self):
        slug = self.briefing()
        error = self.fails(2, "send", slug, "--alarm", "soon")
        self.assertIn("--alarm:", error)
        self.assertEqual(self.sink.received(), [])

    def test_a_refused_recipient_fails_alone_and_is_retried(self):
        slug = self.briefing()
        self.sink.refused.add(JANE[1].lower())
        result = self.run_convene("send", slug)
        self.assertEqual(result.code, 7, result.stderr)
        self.assertIn(f"convene: warning: not sent to {JANE[1]}", result.stderr)
        self.assertIn("convene: error: the mail system did not accept 1 of 2 messages", result.stderr)
        self.assertIn("sent 1 invitation and", result.stderr)
        self.assertEqual([a for a, _, _, _ in self.new_messages(0)], [ELODIE[1]])
        self.assertEqual(self.ledger(slug)[:2], [
            (JANE[1], "registered", "", ""),
            (ELODIE[1], "registered", "REQUEST", "0"),
        ])
        self.sink.refused.clear()
        # Refused for good (550): held back until asked (test_send_faults.py has the rest).
        self.send(slug)
        self.assertEqual(self.new_messages(1), [])
        self.send(slug, "--retry-failed")
        self.assertEqual([a for a, _, _, _ in self.new_messages(1)], [JANE[1]])

    def test_two_runs_at_once_send_each_message_once(self):
        """The second run waits for the first (a lock per event held for the run), then finds
        in the ledger that nothing is owed."""
        _, slug = self.create_briefing()
        people = [f"person{i:02}@example.org" for i in range(12)]
        self.ok("register", slug, "--csv", self.write(
            "people.csv", "name,email\n" + "".join(f"P {i},{e}\n" for i, e in enumerate(people))))
        self.sink.delay = 0.1  # a second of sending: the two runs overlap
        procs = [subprocess.Popen([BIN, "send", slug], env=self.env, cwd=self.dir,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                 for _ in range(2)]
        errors = [proc.communicate(timeout=120)[1].decode() for proc in procs]
        self.assertEqual([proc.returncode for proc in procs], [0, 0], errors)
        self.assertEqual(sorted(address for address, _, _, _ in self.new_messages(0)), people)

    def test_killed_midway_then_resumed_sends_each_message_once(self):
        _, slug = self.create_briefing()
        people = [(f"Person {i}", f"person{i:02}@example.org") for i in range(24)]
        rows = "name,email\n" + "".join(f"{n},{e}\n" for n, e in people)
        self.ok("register", slug, "--csv", self.write("people.csv", rows))
        self.sink.delay = 0.2
        env = dict(self.env)
        proc = subprocess.Popen([BIN, "send", slug], env=env, cwd=self.dir,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 120
            while len(self.sink.received()) < 5 and proc.poll() is None:
                self.assertLess(time.monotonic(), deadline, "the sink received nothing")
                time.sleep(0.02)
            self.assertIsNone(proc.poll(), "send finished before it could be killed")
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.wait(timeout=60)
        partial = len(self.sink.received())
        self.assertLess(partial, len(people))
        self.sink.delay = 0
        # The message in flight when the run was killed may have gone out: it is held back
        # as in doubt, never sent twice unless asked (--retry-failed).
        resumed = self.send(slug)
        in_doubt = re.findall(r"not sent to (\S+): in doubt", resumed.stderr)
        self.assertLessEqual(len(in_doubt), 1, resumed.stderr)
        self.send(slug, "--retry-failed")
        counts = {}
        for address, _, _, _ in self.new_messages(0):
            counts[address] = counts.get(address, 0) + 1
        self.assertEqual(sorted(counts), sorted(e for _, e in people), "everyone got one")
        twice = [a for a, n in counts.items() if n > 1]
        self.assertLessEqual(len(twice), 1, f"only the message in flight may repeat: {twice}")
        self.assertTrue(all(n <= 2 for n in counts.values()))


JOIN = "https://meet.example.org/private-room-7f3a"
GONE = ("Gone Away", "gone@example.org")
START = 1649854800  # 2022-04-13T15:00 Europe/Paris, the briefing's start
HOUR = 3600
DAY = 24 * HOUR


class Reminders(ExportTestCase):
    """send --reminder / send.reminders: reminder e-mails through the SMTP sink, once each, to
    registered people only, in the event's language, with the join link."""

    def setUp(self):
        super().setUp()
        if Controller is None:
            self.skipTest("python3-aiosmtpd is not installed")
        self.sink, self.port = start_sink(self)
        self.configure()
        _, self.slug = self.create_briefing("--capacity", "2", "--join-url", JOIN, "--locale",
                                            "fr")
        # Jane and Élodie registered, Gone cancelled, Wait on the waiting list.
        for person in (JANE, GONE):
            self.ok("register", self.slug, "--name", person[0], "--email", person[1])
        self.ok("unregister", self.slug, GONE[1])
        for person in (ELODIE, WAIT):
            self.ok("register", self.slug, "--name", person[0], "--email", person[1])
        # The invitations went out long before.
        self.send_at(START - 30 * DAY)
        self.invitations = len(self.sink.received())

    def configure(self, extra=""):
        self.write("convene.toml", ORGANISER_TOML +
                   f'[mail]\nsmtp_url = "smtp://127.0.0.1:{self.port}"\n' + extra)

    def send_at(self, when, *extra):
        result = self.run_convene("send", self.slug, *extra,
                                  env={"SOURCE_DATE_EPOCH": str(when)})
        self.assertEqual(result.code, 0, result.stderr)
        return result

    def reminders(self):
        """The reminders received since the invitations: [(address, subject, text)]."""
        out = []
        for rcpt, data in self.sink.received()[self.invitations:]:
            message = email.message_from_bytes(data, policy=email.policy.default)
            self.assertEqual(message.get_content_type(), "text/plain")
            [to] = message["To"].addresses
            self.assertEqual([r.lower() for r in rcpt], [to.addr_spec.lower()])
            out.append((to.addr_spec, message["Subject"], message.get_content()))
        return sorted(out)

    def test_sent_once_to_registered_people_with_the_time_and_the_join_link(self):
        result = self.send_at(START - DAY + HOUR, "--reminder", "1d")
        self.assertIn("sent 2 reminders", result.stderr)
        got = self.reminders()
        self.assertEqual([a for a, _, _ in got], sorted([JANE[1], ELODIE[1]]))
        for address, subject, text in got:
            with self.subTest(address=address):
                self.assertTrue(subject.startswith("Rappel\u00a0: Séance d'information"), subject)
                self.assertIn("Petit rappel", text)
                self.assertIn(JOIN, text)
                # In the event's zone, not 13:00 UTC ("15 h 00" in French for now).
                self.assertRegex(text, r"15(:|\s*h\s*)00\s*[–-]\s*16")
                self.assertIn("Mayors Mechanism", text)
        # A rerun, now or later while still due, sends nothing new.
        result = self.send_at(START - DAY + HOUR)
        self.send_at(START - DAY + HOUR, "--reminder", "1d")
        self.send_at(START - HOUR, "--reminder", "24h")  # the same reminder in other words
        self.assertEqual(len(self.reminders()), 2)

    def test_a_refused_reminder_is_sent_by_the_next_run(self):
        self.sink.refused.add(JANE[1].lower())
        result = self.run_convene("send", self.slug, "--reminder", "1d",
                                  env={"SOURCE_DATE_EPOCH": str(START - HOUR)})
        self.assertNotEqual(result.code, 0)
        self.assertEqual([a for a, _, _ in self.reminders()], [ELODIE[1]])
        self.sink.refused.clear()
        self.send_at(START - HOUR, "--reminder", "1d")
        self.assertEqual([a for a, _, _ in self.reminders()], sorted([JANE[1], ELODIE[1]]))
        self.send_at(START - HOUR, "--reminder", "1d")
        self.assertEqual(len(self.reminders()), 2)

    def test_before_the_window_nothing_is_sent_and_the_plan_says_when(self):
        result = self.send_at(START - 2 * DAY, "--reminder", "1d")
        self.assertIn("reminder 1d: due from 2022-04-12 15:00 Europe/Paris", result.stderr)
        self.assertIn("nothing to send", result.stderr)
        self.assertEqual(self.reminders(), [])
        # After the start it is too late.
        result = self.send_at(START + HOUR, "--reminder", "1d")
        self.assertIn("reminder 1d: too late", result.stderr)
        self.assertEqual(self.reminders(), [])

    def test_a_dry_run_shows_the_plan_and_writes_nothing(self):
        plan = self.run_convene("send", self.slug, "--dry-run", "--reminder", "1d", "--format",
                                "tsv", env={"SOURCE_DATE_EPOCH": str(START - HOUR)})
        self.assertEqual(plan.code, 0, plan.stderr)
        self.assertEqual(plan.stdout.splitlines(), [
            "email\tname\tmethod\tsequence\treason",
            f"{JANE[1]}\t{JANE[0]}\tREMINDER\t\treminder 1d",
            f"{ELODIE[1]}\t{ELODIE[0]}\tREMINDER\t\treminder 1d",
        ])
        self.assertIn("2 messages to send", plan.stderr)
        self.assertEqual(self.reminders(), [])
        # Nothing in the ledger either: the real run sends them all.
        self.send_at(START - HOUR, "--reminder", "1d")
        self.assertEqual(len(self.reminders()), 2)

    def test_the_configuration_sends_every_reminder_due_in_one_run(self):
        self.configure('[send]\nreminders = ["1d", "1h"]\n')
        self.send_at(START - 3 * HOUR)
        self.assertEqual(len(self.reminders()), 2)  # 1d only
        result = self.send_at(START - 30 * 60)
        self.assertIn("sent 2 reminders", result.stderr)
        self.assertEqual(len(self.reminders()), 4)  # and now 1h
        self.send_at(START - 10 * 60)
        self.assertEqual(len(self.reminders()), 4)

    def test_forget_erases_the_reminders_a_person_had(self):
        self.send_at(START - HOUR, "--reminder", "1d")
        self.ok("forget", self.slug, JANE[1])
        data = self.stored_bytes()
        self.assertNotIn(JANE[1].lower().encode(), data.lower())
        self.assertIn(ELODIE[1].encode(), data)

    def test_db_copy_keeps_the_reminders_sent(self):
        self.send_at(START - HOUR, "--reminder", "1d")
        target = self.path("copy.db")
        self.ok("db", "copy", "--to", target)
        result = self.run_convene("send", self.slug, "--reminder", "1d", "--db", target,
                                  env={"SOURCE_DATE_EPOCH": str(START - HOUR)})
        self.assertEqual(result.code, 0, result.stderr)
        self.assertEqual(len(self.reminders()), 2, "the copy knows who had the reminder")
        self.assertEqual(self.check_database(target).code, 0)


class ThroughMsmtp(SendTestCase):
    def setUp(self):
        self.msmtp = shutil.which("msmtp")
        if not self.msmtp:
            self.skipTest("msmtp is not installed")
        super().setUp()

    def mail_config(self):
        return ('[mail]\nsendmail = "' + self.msmtp + f' --host=127.0.0.1 --port={self.port} '
                '--auth=off --tls=off --from=events@example.org -t -i"\n')

    def test_a_command_that_cannot_run_is_one_error(self):
        slug = self.briefing()
        self.write("convene.toml", ORGANISER_TOML + '[mail]\nsendmail = "/nonexistent/sendmail -t"\n')
        error = self.fails(7, "send", slug)
        self.assertIn("cannot run /nonexistent/sendmail", error)
        self.assertEqual(self.ledger(slug)[0], (JANE[1], "registered", "", ""))


class ThroughSmtpUrl(SendTestCase):
    def mail_config(self):
        return f'[mail]\nsmtp_url = "smtp://127.0.0.1:{self.port}"\n'

    def test_an_unreachable_server_is_one_error(self):
        slug = self.briefing()
        self.write("convene.toml",
                   ORGANISER_TOML + f'[mail]\nsmtp_url = "smtp://127.0.0.1:{free_port()}"\n')
        error = self.fails(7, "send", slug)
        self.assertIn("SMTP server smtp://127.0.0.1:", error)

    def test_a_password_requires_an_encrypted_session(self):
        """The sink offers no STARTTLS: with a password convene refuses to log in in clear."""
        slug = self.briefing()
        self.write("convene.toml", ORGANISER_TOML + self.mail_config() + 'smtp_user = "events"\n')
        error = self.fails(7, "send", slug, env={"CONVENE_SMTP_PASSWORD": "secret"})
        self.assertNotIn("secret", error)
        self.assertEqual(self.sink.received(), [])


def throwaway_certificate(folder):
    """A self-signed certificate for 127.0.0.1 and its key, made now with openssl: (cert, key)."""
    cert, key = os.path.join(folder, "server.pem"), os.path.join(folder, "server.key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext",
                    "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True, timeout=60)
    return cert, key


USER, PASSWORD = "events@example.org", "s3cret:pass"


class ThroughStarttlsAndLogin(SendTestCase):
    """What a mail provider asks: STARTTLS first (with a certificate of the organisation's own
    authority, here a throwaway one), then AUTH, then the messages; every scenario above."""

    def setUp(self):
        if not shutil.which("openssl"):
            self.skipTest("openssl is not installed")
        self.logins = []
        super().setUp()
        self.env["CONVENE_SMTP_PASSWORD"] = PASSWORD

    def server_options(self):
        self.cert, key = throwaway_certificate(self.dir)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, key)
        return {"tls_context": context, "require_starttls": True, "auth_required": True,
                "authenticator": self.authenticate}

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        login = auth_data.login.decode()
        self.logins.append((session.ssl is not None, mechanism, login))
        return AuthResult(success=(login, auth_data.password.decode()) == (USER, PASSWORD),
                          auth_data=auth_data)

    def mail_config(self):
        return (f'[mail]\nsmtp_url = "smtp://127.0.0.1:{self.port}"\nsmtp_user = "{USER}"\n'
                'smtp_ca_file = "server.pem"\n')

    def test_every_message_went_over_tls_after_a_login(self):
        slug = self.briefing()
        self.send(slug)
        self.assertEqual(len(self.sink.received()), 2)
        self.assertEqual(self.sink.sessions, [(True, USER.encode())] * 2)
        self.assertTrue(self.logins)
        self.assertTrue(all(tls and login == USER for tls, _, login in self.logins), self.logins)

    def test_a_wrong_password_is_one_error_and_nothing_is_sent(self):
        slug = self.briefing()
        error = self.fails(7, "send", slug, env={"CONVENE_SMTP_PASSWORD": "wrong"})
        self.assertNotIn("wrong", error)
        self.assertEqual(self.sink.received(), [])
        self.assertEqual(self.ledger(slug)[0], (JANE[1], "registered", "", ""))

    def test_a_certificate_of_an_unknown_authority_gets_no_password(self):
        slug = self.briefing()
        self.write("convene.toml", ORGANISER_TOML + self.mail_config().replace(
            'smtp_ca_file = "server.pem"\n', ""))
        error = self.fails(7, "send", slug)
        self.assertIn(f"SMTP server smtp://127.0.0.1:{self.port}", error)
        self.assertEqual((self.sink.received(), self.logins), ([], []))
        self.write("convene.toml", ORGANISER_TOML + self.mail_config().replace(
            "server.pem", "missing.pem"))
        self.assertEqual(self.fails(7, "send", slug),
                         "convene: error: cannot read mail.smtp_ca_file missing.pem: "
                         "No such file or directory")
        self.assertEqual((self.sink.received(), self.logins), ([], []))


del SendTestCase  # only the ways of sending run

if __name__ == "__main__":
    unittest.main()
