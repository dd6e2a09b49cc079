"""register, unregister and check-in, one person at a time: ids, duplicates, capacity and the
waiting list, arrival times, and the exit codes of SPEC §7."""
import json
import unittest

from harness import ConveneTestCase


class RegisterTest(ConveneTestCase):
    def setUp(self):
        super().setUp()
        _, self.event = self.create_briefing()

    def register(self, name, email, *extra, **kwargs):
        return self.ok("register", self.event, "--name", name, "--email", email, *extra, **kwargs)

    def attendees(self, *extra):
        out = self.ok("list", "attendees", self.event, "--format", "jsonl",
                      "--fields", "id,name,email,status,checked_in_at", *extra)
        return [json.loads(line) for line in out.splitlines()]

    def test_prints_the_id_and_stores_the_person(self):
        first = self.register("Ana Silva", "Ana.Silva@Example.org", "--organisation", "CGLU",
                              "--language", "FR", "--field", "diet=vegan", "--field", "badge=Ana S")
        second = self.register("Bob", "bob@example.org")
        self.assertRegex(first, r"^\d+\n$")
        self.assertEqual(int(second), int(first) + 1)
        rows = self.ok("list", "attendees", self.event, "--format", "json")
        people = json.loads(rows)
        self.assertEqual(people[0], {
            "name": "Ana Silva", "email": "Ana.Silva@Example.org", "organisation": "CGLU",
            "language": "fr", "status": "registered", "registered_at": "2023-11-14T22:13:20Z",
            "checked_in_at": None, "waitlist_position": None, "diet": "vegan", "badge": "Ana S"})

    def test_duplicate_email_in_any_case_is_a_conflict(self):
        first = self.register("Ana", "ana@example.org")
        error = self.fails(4, "register", self.event, "--name", "Ana", "--email", "ANA@example.org")
        self.assertIn("ANA@example.org is already registered", error)
        self.assertIn(f"(id {first.strip()})", error)

    def test_a_byte_order_mark_before_an_address_is_dropped(self):
        first = self.register("Ana", "\ufeffana@example.org")
        self.assertEqual([p["email"] for p in self.attendees()], ["ana@example.org"])
        error = self.fails(4, "register", self.event, "--name", "Ana", "--email",
                           "ana@example.org")
        self.assertIn(f"(id {first.strip()})", error)
        self.fails(4, "register", self.event, "--name", "Ana", "--email",
                   "\ufeff\ufeff ana@example.org\ufeff")
        path = self.write("bom.jsonl", '{"name": "Bo", "email": "\ufeffbo@example.org"}\n'
                                       '{"name": "Bo", "email": "bo@example.org"}\n')
        self.assertIn("bom.jsonl:2: bo@example.org is already registered",
                      self.fails(4, "register", self.event, "--jsonl", path))
        self.ok("register", self.event, "--jsonl", path, "--on-duplicate", "skip")
        self.assertEqual([p["email"] for p in self.attendees()],
                         ["ana@example.org", "bo@example.org"])

    def test_on_duplicate_skip_keeps_the_record_and_prints_its_id(self):
        first = self.register("Ana", "ana@example.org")
        again = self.run_convene("register", self.event, "--name", "Someone else", "--email",
                                 "Ana@Example.org", "--on-duplicate", "skip")
        self.assertEqual(again.code, 0)
        self.assertEqual(again.stdout, first)
        self.assertIn("skipped", again.stderr)
        self.assertEqual([p["name"] for p in self.attendees()], ["Ana"])

    def test_on_duplicate_update_changes_the_record(self):
        first = self.register("Ana", "ana@example.org", "--field", "diet=vegan",
                              "--field", "room=1")
        again = self.register("Ana Silva", "ana@example.org", "--on-duplicate", "update",
                              "--field", "room=", "--field", "badge=A")
        self.assertEqual(again, first)
        people = self.ok("list", "attendees", self.event, "--format", "jsonl")
        person = json.loads(people)
        self.assertEqual(person["name"], "Ana Silva")
        self.assertEqual((person["diet"], person.get("room"), person["badge"]),
                         ("vegan", None, "A"))

    def test_bad_flags_are_usage_errors(self):
        self.assertIn("not an email address", self.fails(2, "register", self.event, "--name", "A",
                                                         "--email", "ana.example.org"))
        self.assertIn("language 'de' is not one of the event's languages (en, fr, es)",
                      self.fails(2, "register", self.event, "--name", "A", "--email",
                                 "a@example.org", "--language", "de"))
        self.assertIn("has no '='", self.fails(2, "register", self.event, "--name", "A",
                                               "--email", "a@example.org", "--field", "diet"))
        self.assertIn("needs --name and --email",
                      self.fails(2, "register", self.event, "--email", "a@example.org"))
        self.fails(2, "register", self.event, "--name", "A", "--email", "a@example.org",
                   "--on-duplicate", "maybe")
        self.fails(2, "register", self.event, "--name", "A", "--email", "a@example.org",
                   "--field", "email=x")
        self.assertEqual(self.attendees(), [])

    def test_unknown_event_is_not_found(self):
        self.fails(3, "register", "no-such-event", "--name", "A", "--email", "a@example.org")
        self.fails(3, "unregister", "no-such-event", "a@example.org")
        self.fails(3, "check-in", "no-such-event", "a@example.org")
        self.fails(3, "list", "attendees", "no-such-event")

    def test_cancelled_event_refuses_registrations(self):
        self.register("Ana", "ana@example.org")
        self.ok("cancel-event", self.event)
        self.assertIn("cancelled", self.fails(4, "register", self.event, "--name", "Bob",
                                              "--email", "bob@example.org"))

    def test_capacity_then_waiting_list_with_position(self):
        self.ok("update-event", self.event, "--capacity", "2")
        self.register("A", "a@example.org")
        self.register("B", "b@example.org")
        third = self.run_convene("register", self.event, "--name", "C", "--email", "c@example.org")
        self.assertEqual(third.code, 0)
        self.assertRegex(third.stdout, r"^\d+\n$")
        self.assertIn("c@example.org is on the waiting list at position 1", third.stderr)
        fourth = self.run_convene("register", self.event, "--name", "D", "--email", "d@example.org")
        self.assertIn("at position 2", fourth.stderr)
        self.assertEqual([p["status"] for p in self.attendees()],
                         ["registered", "registered", "waitlisted", "waitlisted"])

    def test_no_waitlist_refuses_when_full_and_writes_nothing(self):
        self.ok("update-event", self.event, "--capacity", "1")
        self.register("A", "a@example.org")
        self.assertIn("full", self.fails(4, "register", self.event, "--name", "B", "--email",
                                         "b@example.org", "--no-waitlist"))
        self.assertEqual(len(self.attendees()), 1)

    def test_unregister_keeps_the_record_and_promotes_the_first_waiting(self):
        self.ok("update-event", self.event, "--capacity", "1")
        ana = self.register("Ana", "ana@example.org").strip()
        self.register("Bob", "bob@example.org")
        self.register("Cy", "cy@example.org")
        result = self.run_convene("unregister", self.event, "ANA@example.org")
        self.assertEqual(result.code, 0, result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertIn("promoted Bob <bob@example.org>", result.stderr)
        self.assertEqual([(p["email"], p["status"]) for p in self.attendees()],
                         [("ana@example.org", "cancelled"), ("bob@example.org", "registered"),
                          ("cy@example.org", "waitlisted")])
        # Twice is harmless; the cancelled record is still found by id.
        again = self.run_convene("unregister", self.event, ana)
        self.assertEqual(again.code, 0)
        self.assertIn("cancelled already", again.stderr)
        self.fails(3, "unregister", self.event, "nobody@example.org")
        self.fails(3, "unregister", self.event, "999")

    def test_a_cancelled_person_can_register_again(self):
        self.register("Ana", "ana@example.org")
        self.register("Bob", "bob@example.org")
        self.ok("unregister", self.event, "ana@example.org")
        # A new registration, after Bob's: one record for the address, its new id printed.
        again = self.register("Ana", "ana@example.org").strip()
        self.assertEqual([(a["email"], a["status"]) for a in self.attendees()],
                         [("bob@example.org", "registered"), ("ana@example.org", "registered")])
        self.assertIn(f"{again}\tana@example.org",
                      self.ok("list", "attendees", self.event, "--format", "tsv", "--fields",
                              "id,email"))

    def test_check_in_and_undo(self):
        ana = self.register("Ana", "ana@example.org").strip()
        self.register("Bob", "bob@example.org")
        result = self.run_convene("check-in", self.event, "Ana@example.org",
                                  env={"SOURCE_DATE_EPOCH": "1649854800"})
        self.assertEqual(result.code, 0, result.stderr)
        self.assertIn("2022-04-13T15:00:00+02:00", result.stderr)  # in the event's zone
        self.assertEqual([p["email"] for p in self.attendees("--checked-in")], ["ana@example.org"])
        self.assertEqual(self.attendees("--checked-in")[0]["checked_in_at"], "2022-04-13T13:00:00Z")
        self.assertEqual([p["email"] for p in self.attendees("--not-checked-in")],
                         ["bob@example.org"])
        # A second scan keeps the first time.
        self.assertIn("already", self.run_convene("check-in", self.event, ana).stderr)
        self.ok("check-in", self.event, ana, "--undo")
        self.assertEqual(self.attendees("--checked-in"), [])
        self.ok("unregister", self.event, "bob@example.org")
        self.fails(4, "check-in", self.event, "bob@example.org")
        self.fails(3, "check-in", self.event, "nobody@example.org")


if __name__ == "__main__":
    unittest.main()
