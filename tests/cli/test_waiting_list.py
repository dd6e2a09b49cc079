"""The waiting list is fair: people move up in the order they joined when a seat is freed or the
capacity is raised, a newcomer never takes a seat ahead of them, a lowered capacity demotes
nobody, and `list attendees` shows each waiting person's place."""
import json
import unittest

from harness import ConveneTestCase


class WaitingListTest(ConveneTestCase):
    def setUp(self):
        super().setUp()
        _, self.event = self.create_briefing("--capacity", "2")

    def register(self, letter, *extra, seconds=0):
        # A second apart, so the order of arrival is the order of time.
        return self.run_convene("register", self.event, "--name", letter.upper(), "--email",
                                f"{letter}@example.org", *extra,
                                env={"SOURCE_DATE_EPOCH": str(1_700_000_000 + seconds)})

    def people(self, *extra):
        out = self.ok("list", "attendees", self.event, "--format", "jsonl",
                      "--fields", "email,status,waitlist_position", *extra)
        return [(p["email"][0], p["status"][0], p["waitlist_position"])
                for p in map(json.loads, out.splitlines())]

    def fill(self, letters):
        for i, letter in enumerate(letters):
            self.assertEqual(self.register(letter, seconds=i).code, 0)

    def test_positions_follow_the_order_of_arrival(self):
        self.fill("abcde")
        self.assertEqual(self.people(), [("a", "r", None), ("b", "r", None), ("c", "w", 1),
                                         ("d", "w", 2), ("e", "w", 3)])
        # The position counts the whole waiting list, whatever the filter shows.
        self.assertEqual(self.people("--status", "waitlisted"),
                         [("c", "w", 1), ("d", "w", 2), ("e", "w", 3)])
        self.ok("check-in", self.event, "a@example.org")
        self.assertEqual(self.people("--not-checked-in"),
                         [("b", "r", None), ("c", "w", 1), ("d", "w", 2), ("e", "w", 3)])
        self.assertEqual(self.register("f", "--language", "fr", seconds=10).code, 0)
        self.assertEqual(self.people("--language", "fr"), [("f", "w", 4)])

    def test_raising_the_capacity_promotes_in_order_and_says_who(self):
        self.fill("abcde")
        result = self.run_convene("update-event", self.event, "--capacity", "4")
        self.assertEqual(result.code, 0, result.stderr)
        self.assertIn("promoted C <c@example.org>", result.stderr)
        self.assertIn("promoted D <d@example.org>", result.stderr)
        self.assertLess(result.stderr.index("<c@"), result.stderr.index("<d@"))
        self.assertNotIn("<e@", result.stderr)
        self.assertEqual(self.people(), [("a", "r", None), ("b", "r", None), ("c", "r", None),
                                         ("d", "r", None), ("e", "w", 1)])
        # No capacity at all: everyone waiting gets a seat.
        self.assertIn("promoted E", self.run_convene("update-event", self.event,
                                                     "--no-capacity").stderr)
        self.assertEqual([p[1] for p in self.people()], ["r"] * 5)

    def test_lowering_the_capacity_warns_and_demotes_nobody(self):
        self.fill("abcd")
        result = self.run_convene("update-event", self.event, "--capacity", "1")
        self.assertEqual(result.code, 0, result.stderr)
        self.assertIn("warning: 2 people are registered, more than the capacity of 1",
                      result.stderr)
        self.assertEqual(self.people(), [("a", "r", None), ("b", "r", None), ("c", "w", 1),
                                         ("d", "w", 2)])
        # One cancellation leaves 1 registered of 1: still no seat to give.
        unregister = self.run_convene("unregister", self.event, "a@example.org")
        self.assertNotIn("promoted", unregister.stderr)
        self.assertEqual(self.register("e", seconds=10).code, 0)
        self.assertEqual(self.people()[1:], [("b", "r", None), ("c", "w", 1), ("d", "w", 2),
                                             ("e", "w", 3)])
        # The next cancellation frees the seat, and it goes to the head of the list.
        self.assertIn("promoted C", self.run_convene("unregister", self.event,
                                                     "b@example.org").stderr)
        self.assertEqual(self.people("--status", "waitlisted"), [("d", "w", 1), ("e", "w", 2)])

    def test_a_newcomer_never_jumps_the_queue(self):
        self.fill("abc")
        # A waiting person cancels: nobody moves, and the newcomer queues behind d.
        self.assertEqual(self.register("d", seconds=10).code, 0)
        self.ok("unregister", self.event, "c@example.org")
        newcomer = self.register("e", seconds=20)
        self.assertIn("position 2", newcomer.stderr)
        self.assertEqual(self.people("--status", "waitlisted"), [("d", "w", 1), ("e", "w", 2)])
        # A seat freed by a cancellation goes to d, not to the next newcomer.
        self.ok("unregister", self.event, "a@example.org")
        self.assertIn("position 2", self.register("f", seconds=30).stderr)
        self.assertEqual(self.people("--status", "waitlisted"), [("e", "w", 1), ("f", "w", 2)])

    def test_bulk_import_queues_behind_the_waiting_list(self):
        self.fill("abc")
        self.ok("update-event", self.event, "--capacity", "3")
        csv_file = self.write("late.csv", "name,email\nX,x@example.org\n")
        self.ok("register", self.event, "--csv", csv_file,
                env={"SOURCE_DATE_EPOCH": str(1_700_000_100)})
        self.assertEqual(self.people()[2:], [("c", "r", None), ("x", "w", 1)])

    def test_empty_position_in_text_formats(self):
        self.fill("abc")
        rows = self.ok("list", "attendees", self.event, "--format", "csv",
                       "--fields", "email,waitlist_position").splitlines()
        self.assertEqual(rows, ["email,waitlist_position", "a@example.org,", "b@example.org,",
                                "c@example.org,1"])


if __name__ == "__main__":
    unittest.main()
