"""export-ics --invitations DIR / --attendee EMAIL [--eml]: iTIP invitations and cancellations.

Every invitation is read by ical_check, whose iTIP restriction checks run because METHOD is
present (exactly one ORGANIZER, a DTSTART, an ATTENDEE…), and by ics_check.py.
"""
import email
import email.policy
import os
import unittest

from harness import not_under_sanitizers
from ics_testing import (ORGANISER_TOML, SEED_DESCRIPTION, SEED_END, SEED_START, SEED_TITLE,
                         ExportTestCase)

JANE = ("Doe, Jane: \"JD\"", "Jane.Doe@Example.org")
ELODIE = ("Élodie Zoé", "elodie@exemple.fr")
WAIT = ("Wait Listed", "wait@example.org")


def readable_cn(name):
    """A CN as convene writes it: typographic quotes, which every reader shows as they are."""
    out = ""
    for c in name:
        if c == '"':
            out += "\u201c" if not out or out[-1] in " \t([" else "\u201d"
        else:
            out += c
    return out


class InvitationTestCase(ExportTestCase):
    def setUp(self):
        super().setUp()
        self.write("convene.toml", ORGANISER_TOML)

    def register(self, slug, person):
        self.run_convene("register", slug, "--name", person[0], "--email", person[1])

    def briefing_with_people(self, *extra):
        _, slug = self.create_briefing("--capacity", "2", *extra)
        for person in (JANE, ELODIE, WAIT):
            self.register(slug, person)
        return slug

    def folder(self, slug, *extra, name="inv"):
        """Writes the invitations into NAME; returns {file name: bytes}."""
        result = self.run_convene("export-ics", slug, "--invitations", self.path(name), *extra)
        self.assertEqual(result.code, 0, result.stderr)
        self.assertEqual(result.stdout, "")
        files = {}
        for entry in sorted(os.listdir(self.path(name))):
            with open(self.path(name, entry), "rb") as f:
                files[entry] = f.read()
        return files

    def check_invitation(self, data, method, attendee):
        """One VEVENT, the ORGANIZER and exactly `attendee` as ATTENDEE; both parsers agree."""
        uid = self.property(data, "UID")
        self.assertEqual(len(uid), 1, "one UID per file")
        self.assertEqual(self.property(data, "METHOD"), [method])
        self.assertEqual(self.lines(data, "ORGANIZER"),
                         ['ORGANIZER;CN="Mayors Mechanism, GFMD":mailto:events@example.org'])
        [line] = self.lines(data, "ATTENDEE")
        self.assertTrue(line.endswith(f":mailto:{attendee[1]}"), line)
        cn = readable_cn(attendee[0])
        self.assertTrue(line.startswith(f'ATTENDEE;CN="{cn}";ROLE=REQ-PARTICIPANT'), line)
        self.check(data, [(uid[0], SEED_START, SEED_END)])
        return line


class Invitations(InvitationTestCase):
    def test_registered_people_are_invited_the_waiting_list_is_not(self):
        slug = self.briefing_with_people()
        files = self.folder(slug)
        self.assertEqual(len(files), 2)
        for name, person in zip(sorted(files), (ELODIE, JANE)):
            with self.subTest(person=person[1]):
                self.assertRegex(name, r"^[a-z0-9._-]+-[0-9a-f]{8}\.ics$")
                line = self.check_invitation(files[name], "REQUEST", person)
                self.assertIn(";PARTSTAT=NEEDS-ACTION;RSVP=TRUE:", line)
                self.assertEqual(self.property(files[name], "STATUS"), ["CONFIRMED"])
                self.assertEqual(self.property(files[name], "URL"),
                                 ["https://example.org/imrf-briefing"])
        self.assertTrue(sorted(files)[1].startswith("jane.doe_example.org-"))

    def test_a_tentative_event_is_requested_as_tentative(self):
        slug = self.briefing_with_people("--status", "tentative")
        for data in self.folder(slug).values():
            self.assertEqual(self.property(data, "STATUS"), ["TENTATIVE"])

    def test_a_cancelled_registration_gets_its_own_cancel(self):
        slug = self.briefing_with_people()
        self.ok("unregister", slug, JANE[1])  # promotes WAIT
        files = self.folder(slug)
        self.assertEqual(len(files), 3)
        by_method = {}
        for data in files.values():
            by_method.setdefault(self.property(data, "METHOD")[0], []).append(data)
        [cancel] = by_method["CANCEL"]
        self.assertEqual(len(by_method["REQUEST"]), 2)
        line = self.check_invitation(cancel, "CANCEL", JANE)
        self.assertNotIn("RSVP", line)
        self.assertEqual(self.property(cancel, "SEQUENCE"), ["1"])  # above the invitation's 0
        self.assertEqual(self.property(cancel, "STATUS"), [])  # the event itself goes on

    def test_a_cancelled_event_cancels_everyone_invited(self):
        slug = self.briefing_with_people()
        requests = self.folder(slug)
        self.ok("cancel-event", slug)
        cancels = self.folder(slug)
        self.assertEqual(sorted(cancels), sorted(requests))  # same people, same files
        for name, data in cancels.items():
            self.check_invitation(data, "CANCEL", JANE if name.startswith("jane") else ELODIE)
            self.assertEqual(self.property(data, "STATUS"), ["CANCELLED"])
            self.assertEqual(self.property(data, "SEQUENCE"), ["1"])
            self.assertEqual(self.property(data, "UID"), self.property(requests[name], "UID"))

    def test_a_change_raises_the_sequence_of_the_new_invitations(self):
        slug = self.briefing_with_people()
        before = self.folder(slug)
        self.ok("update-event", slug, "--start", "2022-04-13T15:30", "--end", "16:30")
        after = self.folder(slug)
        for name in before:
            self.assertEqual(self.property(before[name], "SEQUENCE"), ["0"])
            self.assertEqual(self.property(after[name], "SEQUENCE"), ["1"])
            self.assertEqual(self.property(after[name], "UID"), self.property(before[name], "UID"))

    def test_output_is_deterministic(self):
        slug = self.briefing_with_people()
        self.assertEqual(self.folder(slug, name="one"), self.folder(slug, name="two"))

    def test_one_attendee_on_stdout_is_the_same_invitation(self):
        slug = self.briefing_with_people()
        files = self.folder(slug)
        [jane_file] = [name for name in files if name.startswith("jane")]
        # The email is matched case-insensitively, as registrations are.
        self.assertEqual(self.export(slug, "--attendee", "jane.doe@example.org"), files[jane_file])
        target = self.path("jane.ics")
        self.ok("export-ics", slug, "--attendee", JANE[1], "-o", target)
        with open(target, "rb") as f:
            self.assertEqual(f.read(), files[jane_file])

    def test_files_are_readable_by_their_owner_only(self):
        slug = self.briefing_with_people()
        os.umask(0o022)
        self.folder(slug)
        self.folder(slug, "--eml", name="mail")
        self.ok("export-ics", slug, "--attendee", JANE[1], "-o", self.path("one.ics"))
        for folder in ("inv", "mail"):
            for entry in os.listdir(self.path(folder)):
                self.assertEqual(os.stat(self.path(folder, entry)).st_mode & 0o777, 0o600, entry)
        self.assertEqual(os.stat(self.path("one.ics")).st_mode & 0o777, 0o600)

    def test_names_read_the_same_in_python3_icalendar(self):
        """A CN with quotes is shown as written by a reader that knows no RFC 6868."""
        import icalendar
        slug = self.briefing_with_people()
        calendar = icalendar.Calendar.from_ical(self.export(slug, "--attendee", JANE[1]))
        [event] = calendar.walk("VEVENT")
        self.assertEqual(str(event["ATTENDEE"].params["CN"]), "Doe, Jane: \u201cJD\u201d")
        self.assertNotIn("^", str(event["ATTENDEE"].params["CN"]))

    def test_errors(self):
        slug = self.briefing_with_people()
        error = self.fails(3, "export-ics", slug, "--attendee", "nobody@example.org")
        self.assertIn("not registered", error)
        self.assertIn("waiting list", self.fails(4, "export-ics", slug, "--attendee", WAIT[1]))
        self.fails(2, "export-ics", "--all", "--invitations", self.path("inv"))
        self.fails(2, "export-ics", slug, "imrf-briefing", "--invitations", self.path("inv"))
        self.fails(2, "export-ics", slug, "--invitations", self.path("inv"), "--attendee", JANE[1])
        self.fails(2, "export-ics", slug, "--invitations", self.path("inv"), "--with-agenda")
        self.fails(2, "export-ics", slug, "--invitations", self.path("inv"),
                   "-o", self.path("x.ics"))
        self.fails(2, "export-ics", slug, "--eml")
        self.write("file", "not a folder")
        self.fails(2, "export-ics", slug, "--invitations", self.path("file"))

    def test_the_organiser_must_be_configured(self):
        slug = self.briefing_with_people()
        os.remove(self.path("convene.toml"))
        result = self.run_convene("export-ics", slug, "--invitations", self.path("inv"))
        self.assertEqual(result.code, 2)
        self.assertIn("convene: error: invitations need organiser.name and organiser.email",
                      result.stderr)
        self.assertIn("convene: hint: convene init --organiser-name NAME --organiser-email EMAIL",
                      result.stderr)
        self.write("convene.toml", "[output]\nformat = \"tsv\"\n")
        self.assertIn("set name and email under [organiser] in convene.toml",
                      self.run_convene("export-ics", slug, "--invitations",
                                       self.path("inv")).stderr)
        self.assertFalse(os.path.exists(self.path("inv")))
        self.fails(2, "export-ics", slug, "--attendee", JANE[1])


class Emails(InvitationTestCase):
    def message(self, data):
        self.assertNotIn(b"\n", data.replace(b"\r\n", b""), "every line ends in CRLF")
        for line in data.split(b"\r\n"):
            self.assertLessEqual(len(line), 78, line)
        return email.message_from_bytes(data, policy=email.policy.default)

    def test_an_email_per_person_with_the_invitation_inside(self):
        slug = self.briefing_with_people()
        calendars = self.folder(slug)
        emails = self.folder(slug, "--eml", name="mail")
        self.assertEqual(sorted(name[:-4] for name in emails),
                         sorted(name[:-4] for name in calendars))
        for name, data in emails.items():
            with self.subTest(name=name):
                self.assertTrue(name.endswith(".eml"))
                person = JANE if name.startswith("jane") else ELODIE
                message = self.message(data)
                self.assertEqual(str(message["From"]),
                                 '"Mayors Mechanism, GFMD" <events@example.org>')
                self.assertEqual(message["To"].addresses[0].display_name, person[0])
                self.assertEqual(message["To"].addresses[0].addr_spec, person[1])
                self.assertEqual(message["Subject"], "Invitation: " + SEED_TITLE)
                self.assertEqual(message["Date"], "Tue, 14 Nov 2023 22:13:20 +0000")
                self.assertRegex(message["Message-ID"],
                                 r"^<[0-9a-f]{16}\.0\.request\.[0-9a-f]{16}@example\.org>$")
                data.decode("ascii")  # 7-bit: any relay passes it on unchanged
                self.assertEqual(message.get_content_type(), "multipart/alternative")
                text, html, calendar = message.iter_parts()
                self.assertEqual(text.get_content_type(), "text/plain")
                self.assertEqual(text.get_content_charset(), "utf-8")
                self.assertTrue(text.get_content().startswith(f"Hello {person[0]},\r\n"))
                self.assertEqual(html.get_content_type(), "text/html")
                self.assertIn("Interpretation: English, French, and Spanish", text.get_content())
                self.assertEqual(calendar.get_content_type(), "text/calendar")
                self.assertEqual(calendar.get_param("method"), "REQUEST")
                self.assertEqual(calendar.get_content_charset(), "utf-8")
                self.assertEqual(calendar.get_payload(decode=True), calendars[name[:-4] + ".ics"])

    def test_an_internationalised_domain_goes_in_ascii_form(self):
        _, slug = self.create_briefing()
        self.register(slug, ("Zoé Dupré", "zoe@café.example"))
        [data] = self.folder(slug, "--eml", name="mail").values()
        headers = data.split(b"\r\n\r\n")[0]
        headers.decode("ascii")  # still 7-bit
        self.assertIn(b"<zoe@xn--caf-dma.example>", headers)
        self.assertEqual(self.message(data)["To"].addresses[0].addr_spec,
                         "zoe@xn--caf-dma.example")

    def test_message_ids_differ_per_person_and_state(self):
        slug = self.briefing_with_people()
        def message_ids(folder):
            return {self.message(data)["Message-ID"]
                    for data in self.folder(slug, "--eml", name=folder).values()}
        ids = message_ids("a")
        self.ok("cancel-event", slug)
        ids |= message_ids("b")
        self.assertEqual(len(ids), 4)

    def test_a_cancellation_email_says_so(self):
        slug = self.briefing_with_people()
        self.ok("cancel-event", slug)
        data = self.export(slug, "--attendee", ELODIE[1], "--eml")
        message = self.message(data)
        self.assertTrue(message["Subject"].startswith("Cancelled: Séance"))
        text, html, calendar = message.iter_parts()
        self.assertTrue(text.get_content().startswith(
            f"Hello {ELODIE[0]},\r\n\r\nWe are sorry: “Séance"), text.get_content())
        self.assertEqual(calendar.get_param("method"), "CANCEL")
        ics = calendar.get_payload(decode=True)
        self.assertEqual(self.property(ics, "METHOD"), ["CANCEL"])
        self.check_invitation(ics, "CANCEL", ELODIE)

    def test_long_names_and_subjects_are_cut_between_words(self):
        """Python's default policy keeps the blank between encoded words: no "Fr ank"."""
        name = "Émile-Frank Zoë Ångström de la Fontaine-Frankenstein"
        _, slug = self.create_briefing()
        self.ok("update-event", slug, "--title",
                "Réunion préparatoire des maires : Frankfurt, Göteborg, Zürich et Kraków")
        self.register(slug, (name, "emile@example.org"))
        message = self.message(self.export(slug, "--attendee", "emile@example.org", "--eml"))
        display = message["To"].addresses[0].display_name
        self.assertEqual(display.split(), name.split())
        self.assertEqual(message["Subject"].split(),
                         "Invitation: Réunion préparatoire des maires : Frankfurt, Göteborg, "
                         "Zürich et Kraków".split())

    def test_sendmail_reads_the_recipients_from_the_message(self):
        slug = self.briefing_with_people()
        data = self.export(slug, "--attendee", JANE[1], "--eml")
        # A stand-in for sendmail -t: it only needs well-formed headers and the To address.
        message = self.message(data)
        self.assertEqual([a.addr_spec for a in message["To"].addresses], [JANE[1]])
        self.assertIsNone(message["Bcc"])


class Golden(InvitationTestCase):
    def test_seed_invitation(self):
        parent, slug = self.create_briefing("--description", SEED_DESCRIPTION)
        self.add_seed_agenda(slug)
        self.register(slug, JANE)
        data = self.export(slug, "--attendee", JANE[1])
        self.compare_golden("seed-invitation.ics", data, [self.uid(parent), self.uid(slug)])


class Streaming(InvitationTestCase):
    @not_under_sanitizers("freed memory stays in quarantine")
    def test_memory_stays_flat_with_ten_times_the_people(self):
        peaks = {}
        for rows in (1_000, 10_000):
            slug = self.ok("create-event", "--title", f"Event {rows}",
                           "--start", "2024-01-01T10:00", "--duration", "1h",
                           "--tz", "Europe/Paris").strip()
            people = self.write(f"{rows}.csv", "name,email\n" + "".join(
                f"Person {i},p{i}@example.org\n" for i in range(rows)))
            self.ok("register", slug, "--csv", people)
            folder = self.path(f"inv-{rows}")
            peaks[rows] = self.peak_kib("export-ics", slug, "--invitations", folder, "--eml")
            self.assertEqual(len(os.listdir(folder)), rows)
        print(f"\npeak RSS KiB writing invitations: {peaks}")
        self.assertLess(peaks[10_000], peaks[1_000] * 1.5 + 2048)


if __name__ == "__main__":
    unittest.main()
