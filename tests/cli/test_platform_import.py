"""register --csv with the exports of registration platforms (tests/fixtures/platforms): each is
recognised by its header, its names come from its name columns (never a ticket number), its
statuses register, cancel or keep a row out, its order or submission time becomes registered_at
in the event's zone, its money columns are left out, and importing it again with
--on-duplicate skip changes nothing."""
import json
import re
import unittest

from harness import ConveneTestCase
from platform_fixtures import platform_fixture, write_platform_file

# Per fixture: what stderr says it read, then (name, email, status, registered_at, language)
# of everyone imported, as `list attendees` orders them (by registered_at: Google's French sheet
# has Françoise's row before Hélène's, who answered earlier).
EXPECTED = {
    "eventbrite-attendees.csv": ("an Eventbrite attendee report", [
        ("Léa Dupont", "lea.dupont@example.org", "registered", "2022-04-01T08:02:00Z", "fr"),
        ("José Núñez", "jose.nunez@example.es", "registered", "2022-04-01T09:47:00Z", "es"),
        ("María José García Peña", "mj.garcia@example.es", "registered",
         "2022-04-01T09:47:00Z", "fr"),
        ("Zoë O'Brien", "zoe.obrien@example.org", "cancelled", "2022-04-02T06:15:00Z", "en"),
        ("Hélène Lefèvre", "helene.lefevre@example.fr", "registered", "2022-04-03T14:30:00Z",
         "en"),
        ("Íñigo Martínez", "inigo.martinez@example.es", "cancelled", "2022-04-04T07:05:00Z",
         "es"),
    ]),
    "pretix-order-positions.csv": ("a pretix order positions export", [
        ("Léa Dupont", "lea.dupont@example.org", "registered", "2022-04-01T08:02:11Z", "fr"),
        ("José Núñez", "jose.nunez@example.es", "registered", "2022-04-01T09:47:30Z", "es"),
        ("María José García Peña", "mj.garcia@example.es", "registered",
         "2022-04-01T09:47:30Z", "es"),
        ("Zoë O'Brien", "zoe.obrien@example.org", "cancelled", "2022-04-02T06:15:42Z", "en"),
        ("Hélène Lefèvre", "helene.lefevre@example.fr", "registered", "2022-04-03T14:30:05Z",
         "en"),
        ("Marc Lefèvre", "marc.lefevre@example.fr", "cancelled", "2022-04-03T14:30:05Z", "en"),
    ]),
    "pretix-orders.csv": ("a pretix order list export", [
        ("Léa Dupont", "lea.dupont@example.org", "registered", "2022-04-01T08:02:11Z", "fr"),
        ("José Núñez", "jose.nunez@example.es", "registered", "2022-04-01T09:47:30Z", "es"),
        ("Zoë O'Brien", "zoe.obrien@example.org", "cancelled", "2022-04-02T06:15:42Z", "en"),
        ("Hélène Lefèvre", "helene.lefevre@example.fr", "registered", "2022-04-03T14:30:05Z",
         "en"),
    ]),
    "google-forms-en.csv": ("a Google Forms response sheet", [
        ("Léa Dupont", "lea.dupont@example.org", "registered", "2022-04-01T08:02:11Z", "fr"),
        ("José Núñez", "jose.nunez@example.es", "registered", "2022-04-01T09:47:30Z", "es"),
        ("Zoë O'Brien", "zoe.obrien@example.org", "registered", "2022-04-02T10:05:40Z", "en"),
        ("Hélène Lefèvre", "helene.lefevre@example.fr", "registered", "2022-04-03T22:30:00Z",
         "en"),
        ("Íñigo Martínez", "inigo.martinez@example.es", "registered", "2022-04-04T19:14:03Z",
         "es"),
    ]),
    "google-forms-fr.csv": ("a Google Forms response sheet (French)", [
        ("Léa Dupont", "lea.dupont@example.org", "registered", "2022-04-01T08:02:11Z", "fr"),
        ("José Núñez", "jose.nunez@example.es", "registered", "2022-04-01T09:47:30Z", "es"),
        ("Hélène Lefèvre", "helene.lefevre@example.fr", "registered", "2022-04-03T14:30:05Z",
         "en"),
        ("Françoise Ndiaye", "francoise.ndiaye@example.sn", "registered",
         "2022-04-05T12:20:17Z", "fr"),
        ("María José García Peña", "mj.garcia@example.es", "registered",
         "2022-04-12T06:59:59Z", "es"),
    ]),
    "microsoft-forms-fr-excel.csv": ("a Microsoft Forms response sheet", [
        ("Léa Dupont", "lea.dupont@example.org", "registered", "2022-04-01T08:02:00Z", "fr"),
        ("José Núñez", "jose.nunez@example.es", "registered", "2022-04-01T09:47:00Z", "es"),
        ("Zoë O'Brien", "zoe.obrien@example.org", "registered", "2022-04-02T10:05:00Z", "en"),
        ("María José García Peña", "mj.garcia@example.es", "registered",
         "2022-04-13T07:01:00Z", "fr"),
    ]),
    "indico-registrants.csv": ("an Indico registrants export", [
        ("Léa Dupont", "lea.dupont@example.org", "registered", "2022-04-01T08:02:11Z", "fr"),
        ("José Núñez", "jose.nunez@example.es", "registered", "2022-04-01T09:47:30Z", "es"),
        ("Zoë O'Brien", "zoe.obrien@example.org", "cancelled", "2022-04-02T06:15:42Z", "en"),
        ("Hélène Lefèvre", "helene.lefevre@example.fr", "registered", "2022-04-03T14:30:05Z",
         "en"),
        ("Marc Lefèvre", "marc.lefevre@example.fr", "cancelled", "2022-04-06T10:00:00Z", "fr"),
    ]),
    "tito-tickets.csv": ("a Tito tickets export", [
        ("Léa Dupont", "lea.dupont@example.org", "registered", "2022-04-01T08:02:11Z", None),
        ("José Núñez", "jose.nunez@example.es", "registered", "2022-04-01T09:47:30Z", None),
        ("María José García Peña", "mj.garcia@example.es", "registered",
         "2022-04-01T09:47:30Z", None),
        ("Zoë O'Brien", "zoe.obrien@example.org", "cancelled", "2022-04-02T06:15:42Z", None),
        ("Hélène Lefèvre", "helene.lefevre@example.fr", "registered", "2022-04-03T14:30:05Z",
         None),
    ]),
    "zoom-registration.csv": ("a Zoom registration report", [
        ("Léa Dupont", "lea.dupont@example.org", "registered", "2022-04-01T08:02:11Z", "fr"),
        ("José Núñez", "jose.nunez@example.es", "registered", "2022-04-01T09:47:30Z", "es"),
        ("Zoë O'Brien", "zoe.obrien@example.org", "cancelled", "2022-04-02T06:15:42Z", "en"),
        ("Hélène Lefèvre", "helene.lefevre@example.fr", "registered", "2022-04-03T14:30:05Z",
         "en"),
    ]),
    "luma-guests.csv": ("a Luma guest list", [
        ("Léa Dupont", "lea.dupont@example.org", "registered", "2022-04-01T08:02:11Z", "fr"),
        ("José Núñez", "jose.nunez@example.es", "registered", "2022-04-01T09:47:30Z", "es"),
        ("Zoë O'Brien", "zoe.obrien@example.org", "cancelled", "2022-04-02T06:15:42Z", "en"),
    ]),
}

# Rows each fixture's statuses keep out (pending, unpaid, not approved, invited).
NOT_IMPORTED = {"pretix-order-positions.csv": 2, "pretix-orders.csv": 2,
                "indico-registrants.csv": 2, "zoom-registration.csv": 1, "luma-guests.csv": 3}


class PlatformImportTest(ConveneTestCase):
    def setUp(self):
        super().setUp()
        _, self.event = self.create_briefing()

    def people(self):
        out = self.ok("list", "attendees", self.event, "--format", "jsonl")
        return [json.loads(line) for line in out.splitlines()]

    def imported(self):
        return [(p["name"], p["email"], p["status"], p["registered_at"], p["language"])
                for p in self.people()]

    def register(self, path, *extra):
        result = self.run_convene("register", self.event, "--csv", path, *extra)
        self.assertEqual(result.code, 0, result.stderr)
        return result.stderr

    def test_each_platform_is_read_by_its_header(self):
        for name, (description, people) in EXPECTED.items():
            with self.subTest(name):
                self.event = self.recreate()
                path = write_platform_file(self.dir, name)
                stderr = self.register(path)
                self.assertIn(f"{name}: read as {description}\n", stderr)
                self.assertEqual(self.imported(), people)
                skipped = NOT_IMPORTED.get(name, 0)
                if skipped:
                    self.assertRegex(stderr, rf"{skipped} rows? not imported: not paid or not "
                                             "approved on the platform")
                else:
                    self.assertNotIn("not imported", stderr)
                # Nobody is named after a ticket or an order number.
                for person in self.people():
                    self.assertNotRegex(person["name"], r"\d")

    def recreate(self):
        """A fresh event of the same shape as the briefing, for the next fixture."""
        return self.ok("create-event", "--title", "Briefing", "--start", "2022-04-13T15:00",
                       "--end", "16:00", "--tz", "Europe/Paris", "--languages", "en,fr,es"
                       ).strip()

    def test_importing_a_fixture_again_with_on_duplicate_skip_changes_nothing(self):
        for name in EXPECTED:
            with self.subTest(name):
                self.event = self.recreate()
                path = write_platform_file(self.dir, name)
                self.register(path)
                before = self.people()
                stderr = self.register(path, "--on-duplicate", "skip")
                self.assertRegex(stderr, r": 0 added \(0 waitlisted\), 0 updated, "
                                         rf"{len(before)} duplicates? skipped")
                self.assertEqual(self.people(), before)

    def test_cancelled_rows_are_new_cancelled_people_and_skipped_rows_are_counted(self):
        path = write_platform_file(self.dir, "pretix-order-positions.csv")
        stderr = self.register(path)
        self.assertIn("8 rows: 6 added (0 waitlisted)", stderr)
        self.assertIn("2 people cancelled on the platform: kept as cancelled", stderr)
        self.assertIn("2 rows not imported", stderr)
        emails = [p["email"] for p in self.people()]
        self.assertNotIn("inigo.martinez@example.es", emails)  # pending
        self.assertNotIn("francoise.ndiaye@example.sn", emails)  # expired
        # The attendee's company, not the invoice address's; the second one is a custom field.
        zoe = next(p for p in self.people() if p["email"] == "zoe.obrien@example.org")
        self.assertEqual(zoe["organisation"], "Cities Network, Brussels")
        self.assertEqual(zoe["Address"], "Rue de la Loi 155")
        self.assertEqual(zoe["Address (2)"], "Rue de la Loi 155")
        self.assertEqual(zoe["Company (2)"], "Cities Network, Brussels")

    def test_a_plain_file_with_a_status_column_says_nothing_of_platforms(self):
        path = self.write("plain.csv", "name,email,status\nAna,ana@example.org,cancelled\n")
        stderr = self.register(path)
        self.assertNotIn("read as", stderr)
        self.assertNotIn("on the platform", stderr)
        self.assertEqual([p["status"] for p in self.people()], ["cancelled"])

    def test_money_columns_are_left_out_unless_kept(self):
        path = write_platform_file(self.dir, "eventbrite-attendees.csv")
        stderr = self.register(path)
        self.assertIn("8 columns of money, tax, seating or vouchers left out "
                      "(--keep-columns keeps them as custom fields)", stderr)
        lea = self.people()[0]
        self.assertNotIn("Total Paid", lea)
        self.assertEqual(lea["Attendee #"], "5678901231")  # kept, but never the name
        self.assertEqual(lea["Job Title"], "Chargée de mission")
        self.event = self.recreate()
        stderr = self.register(path, "--keep-columns")
        self.assertNotIn("left out", stderr)
        self.assertEqual(self.people()[0]["Total Paid"], "0")

    def test_dry_run_shows_the_platform_the_mapping_and_the_status_decisions(self):
        path = write_platform_file(self.dir, "eventbrite-attendees.csv")
        stderr = self.register(path, "--dry-run")
        self.assertIn("read as an Eventbrite attendee report", stderr)
        self.assertIn('column: name ← "First Name" + "Last Name"\n', stderr)
        self.assertIn('column: registered_at ← "Order Date"\n', stderr)
        self.assertIn('column: left out: "Total Paid"\n', stderr)
        self.assertIn("column: status: Attending, Checked In → registered; Not Attending, "
                      "Deleted, Refunded → cancelled; Transferred, Unpaid, Pending → skipped",
                      stderr)
        self.assertIn("eventbrite-attendees.csv:5: zoe.obrien@example.org: cancelled", stderr)
        self.assertIn("dry run, nothing written", stderr)
        self.assertEqual(self.people(), [])

    def test_platform_forces_one_and_generic_turns_recognition_off(self):
        # A header trimmed by hand is no longer recognised; --platform reads it as Eventbrite.
        path = self.write("trimmed.csv", "Order #,Order Date,First Name,Last Name,Email,"
                                         "Attendee Status\n"
                                         "1,4/1/22 10:02,Léa,Dupont,lea@example.org,Attending\n"
                                         "2,4/2/22 8:15,Zoë,O'Brien,zoe@example.org,Refunded\n")
        stderr = self.register(path, "--platform", "eventbrite")
        self.assertIn("read as an Eventbrite attendee report", stderr)
        self.assertEqual([(p["name"], p["status"], p["registered_at"]) for p in self.people()],
                         [("Léa Dupont", "registered", "2022-04-01T08:02:00Z"),
                          ("Zoë O'Brien", "cancelled", "2022-04-02T06:15:00Z")])
        # Of pretix's two exports, the one whose header fits.
        orders = write_platform_file(self.dir, "pretix-orders.csv")
        stderr = self.register(orders, "--platform", "pretix", "--dry-run")
        self.assertIn("read as a pretix order list export", stderr)
        # generic: the file's own columns only, no platform.
        forms = write_platform_file(self.dir, "google-forms-en.csv")
        stderr = self.register(forms, "--platform", "generic", "--dry-run")
        self.assertNotIn("read as", stderr)
        self.assertIn('column: custom field "Timestamp" ← "Timestamp"', stderr)

    def test_an_unknown_platform_is_refused_with_the_list(self):
        path = write_platform_file(self.dir, "tito-tickets.csv")
        error = self.fails(2, "register", self.event, "--csv", path, "--platform", "eventbrte")
        self.assertIn("--platform: unknown platform 'eventbrte'", error)
        result = self.run_convene("register", self.event, "--csv", path, "--platform", "x")
        self.assertIn("convene: hint: accepted: generic, eventbrite, pretix, indico, tito, zoom, "
                      "luma, microsoft-forms, google-forms", result.stderr)
        self.fails(2, "register", self.event, "--jsonl", path, "--platform", "tito")
        self.fails(2, "register", self.event, "--jsonl", path, "--keep-columns")

    def test_an_unknown_status_or_time_is_refused_naming_what_is_accepted(self):
        text, _ = platform_fixture("zoom-registration.csv")
        path = self.write("zoom.csv", text.replace(",denied\n", ",blocked\n"))
        result = self.run_convene("register", self.event, "--csv", path)
        self.assertEqual(result.code, 5, result.stderr)
        self.assertIn("zoom.csv:4: Approval Status 'blocked' is not a status a Zoom registration "
                      "report writes (approved, denied, cancelled, pending)", result.stderr)
        self.assertEqual(self.people(), [])
        path = self.write("zoom2.csv", text.replace("04/02/2022 08:15:42 AM", "2 April"))
        result = self.run_convene("register", self.event, "--csv", path)
        self.assertEqual(result.code, 5, result.stderr)
        self.assertIn("zoom2.csv:4: Registration Time: '2 April' is not a time as the platform "
                      "writes it (accepted, for 13 April 2022 at 15:00: 04/13/2022 3:00:00 PM, ",
                      result.stderr)

    def test_seats_and_the_waiting_list_follow_the_submission_time(self):
        self.ok("update-event", self.event, "--capacity", "3")
        path = write_platform_file(self.dir, "google-forms-fr.csv")
        self.assertIn("5 added (2 waitlisted)", self.register(path))
        # Françoise's row comes before Hélène's in the file, but she answered two days later:
        # the last seat is Hélène's.
        self.assertEqual([(p["email"], p["status"], p["waitlist_position"])
                          for p in self.people()],
                         [("lea.dupont@example.org", "registered", None),
                          ("jose.nunez@example.es", "registered", None),
                          ("helene.lefevre@example.fr", "registered", None),
                          ("francoise.ndiaye@example.sn", "waitlisted", 1),
                          ("mj.garcia@example.es", "waitlisted", 2)])
        self.ok("unregister", self.event, "lea.dupont@example.org")
        statuses = {p["email"]: p["status"] for p in self.people()}
        self.assertEqual(statuses["francoise.ndiaye@example.sn"], "registered")
        self.assertEqual(statuses["mj.garcia@example.es"], "waitlisted")

    def test_a_cancellation_read_again_cancels_with_update_and_frees_the_seat(self):
        self.ok("update-event", self.event, "--capacity", "3")
        path = write_platform_file(self.dir, "eventbrite-attendees.csv")
        self.assertIn("6 added (1 waitlisted)", self.register(path))
        self.assertEqual(self.status_of("helene.lefevre@example.fr"), "waitlisted")
        # Later, Léa cancels on Eventbrite, and the organiser downloads the report again.
        with open(path, encoding="utf-8") as f:
            text = f.read()
        lea = next(line for line in text.splitlines() if "lea.dupont@example.org" in line)
        again = self.write("eventbrite-again.csv",
                           text.replace(lea, lea.replace(",Attending,", ",Not Attending,")))
        before = self.people()
        stderr = self.register(again, "--on-duplicate", "skip")
        self.assertIn("warning: 1 row cancel people registered already: left as they are "
                      "(--on-duplicate update cancels them)", stderr)
        self.assertEqual(self.people(), before)
        stderr = self.register(again, "--on-duplicate", "update")
        self.assertIn("1 registration cancelled as the file says; 1 waiting person moved up "
                      "into the seats freed", stderr)
        self.assertEqual(self.status_of("lea.dupont@example.org"), "cancelled")
        self.assertEqual(self.status_of("helene.lefevre@example.fr"), "registered")
        # Read a third time, the file changes nothing more.
        after = self.people()
        stderr = self.register(again, "--on-duplicate", "update")
        self.assertNotIn("cancelled as the file says", stderr)
        self.assertEqual([p["status"] for p in self.people()], [p["status"] for p in after])

    def status_of(self, email):
        return next(p["status"] for p in self.people() if p["email"] == email)


if __name__ == "__main__":
    unittest.main()
