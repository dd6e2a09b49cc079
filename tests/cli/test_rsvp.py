"""convene rsvp EVENT < reply: an attendee's iTIP REPLY, as a .ics or as the whole e-mail a
calendar program sends, is read with libical and its PARTSTAT recorded; replies for another
event, from strangers or to an older invitation are reported and not recorded."""
import base64
import json
import unittest

from harness import ConveneTestCase
from ics_testing import ORGANISER_TOML, reply_ics

JANE = ("Doe, Jane", "Jane.Doe@Example.org")


def reply_email(ics):
    """The whole message a mail client sends: text for people, the calendar in base64."""
    encoded = base64.encodebytes(ics.encode()).decode().replace("\n", "\r\n")
    return (
        "From: Jane Doe <jane.doe@example.org>\r\nTo: events@example.org\r\n"
        "Subject: Accepted: Briefing\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
        "--outer\r\nContent-Type: multipart/alternative;\r\n boundary=inner\r\n\r\n"
        "--inner\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nJane has accepted.\r\n"
        "--inner\r\nContent-Type: text/calendar; charset=UTF-8; method=REPLY\r\n"
        f"Content-Transfer-Encoding: base64\r\n\r\n{encoded}--inner--\r\n\r\n"
        "--outer\r\nContent-Type: application/ics; name=invite.ics\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n"
        f"{encoded}--outer--\r\n")


class Rsvp(ConveneTestCase):
    def setUp(self):
        super().setUp()
        self.write("convene.toml", ORGANISER_TOML)
        _, self.slug = self.create_briefing()
        self.ok("register", self.slug, "--name", JANE[0], "--email", JANE[1])
        self.uid = json.loads(self.ok("show", self.slug, "--format", "json"))["uid"]

    def reply_of_jane(self):
        rows = self.ok("list", "attendees", self.slug, "--fields", "email,reply", "--format",
                       "json")
        return json.loads(rows)[0]["reply"]

    def test_an_ics_reply_is_recorded(self):
        self.assertIsNone(self.reply_of_jane())
        result = self.run_convene("rsvp", self.slug,
                                  input=reply_ics(self.uid, JANE[1].lower(), "ACCEPTED"))
        self.assertEqual(result.code, 0, result.stderr)
        self.assertIn("accepted", result.stderr)
        self.assertEqual(self.reply_of_jane(), "accepted")

    def test_a_whole_email_is_read_and_a_later_answer_replaces_the_first(self):
        self.ok("rsvp", self.slug, input=reply_email(reply_ics(self.uid, JANE[1], "TENTATIVE")))
        self.assertEqual(self.reply_of_jane(), "tentative")
        self.ok("rsvp", self.slug, "-", input=reply_email(
            reply_ics(self.uid, JANE[1], "DECLINED", stamp="20231116T090000Z")))
        self.assertEqual(self.reply_of_jane(), "declined")
        # The first answer again (older DTSTAMP) does not undo the second.
        self.fails(4, "rsvp", self.slug, input=reply_ics(self.uid, JANE[1], "TENTATIVE"))
        self.assertEqual(self.reply_of_jane(), "declined")

    def test_stale_and_unknown_replies_are_reported_not_applied(self):
        self.ok("update-event", self.slug, "--start", "2022-04-13T16:00", "--end", "17:00")
        error = self.fails(4, "rsvp", self.slug,
                           input=reply_ics(self.uid, JANE[1], "ACCEPTED", sequence=0))
        self.assertIn("answers sequence 0, but", error)
        error = self.fails(3, "rsvp", self.slug,
                           input=reply_ics(self.uid, "nobody@example.org", "ACCEPTED", 1))
        self.assertIn("nobody@example.org is not registered", error)
        error = self.fails(4, "rsvp", self.slug,
                           input=reply_ics("other@convene", JANE[1], "ACCEPTED", 1))
        self.assertIn("another event", error)
        self.assertIsNone(self.reply_of_jane())
        self.ok("rsvp", self.slug, input=reply_ics(self.uid, JANE[1], "ACCEPTED", sequence=1))
        self.assertEqual(self.reply_of_jane(), "accepted")

    def test_input_that_is_not_a_reply_is_bad_input(self):
        request = self.ok("export-ics", self.slug, "--attendee", JANE[1])
        self.assertIn("not an iTIP REPLY", self.fails(5, "rsvp", self.slug, input=request))
        self.assertIn("text/calendar", self.fails(5, "rsvp", self.slug, input="Hello\r\n"))

    def test_an_endless_input_is_refused_at_the_bound(self):
        self.assertIn("at most 16 MiB", self.fails(5, "rsvp", self.slug, "/dev/zero"))

    # --- issue 31: replies that would block the genuine one ----------------------------------

    def assert_refused(self, code, fragment, reply):
        error = self.fails(code, "rsvp", self.slug, input=reply)
        self.assertIn(fragment, error)
        self.assertIsNone(self.reply_of_jane(), "nothing was recorded")

    def assert_genuine_reply_still_recorded(self, sequence=0):
        self.ok("rsvp", self.slug, input=reply_ics(self.uid, JANE[1], "ACCEPTED", sequence))
        self.assertEqual(self.reply_of_jane(), "accepted")

    def test_a_sequence_never_sent_is_refused(self):
        self.assert_refused(4, "answers sequence 7, which Jane.Doe@Example.org was never sent",
                            reply_ics(self.uid, JANE[1], "DECLINED", sequence=7))
        self.assert_genuine_reply_still_recorded()

    def test_a_dtstamp_that_is_not_a_date_is_refused(self):
        self.assert_refused(5, "DTSTAMP",
                            reply_ics(self.uid, JANE[1], "DECLINED", stamp="someday"))
        self.assert_refused(5, "DTSTAMP", reply_ics(self.uid, JANE[1], "DECLINED",
                                                    stamp="20231399T990000Z"))
        self.assert_genuine_reply_still_recorded()

    def test_two_vevents_that_disagree_are_refused(self):
        accepted = reply_ics(self.uid, JANE[1], "ACCEPTED")
        declined = reply_ics(self.uid, JANE[1], "DECLINED")
        event = declined[declined.index("BEGIN:VEVENT"):declined.index("END:VCALENDAR")]
        both = accepted.replace("END:VCALENDAR", event + "END:VCALENDAR")
        self.assert_refused(5, "VEVENTs that disagree", both)
        self.assert_genuine_reply_still_recorded()

    def test_a_waitlisted_person_never_invited_is_refused(self):
        self.ok("update-event", self.slug, "--capacity", "1")
        self.ok("register", self.slug, "--name", "Wait", "--email", "wait@example.org")
        error = self.fails(4, "rsvp", self.slug,
                           input=reply_ics(self.uid, "wait@example.org", "ACCEPTED"))
        self.assertIn("is on the waiting list", error)
        self.assertIn("never invited", error)
        rows = json.loads(self.ok("list", "attendees", self.slug, "--fields", "email,reply",
                                  "--format", "json"))
        self.assertEqual([r["reply"] for r in rows], [None, None])

    def test_a_reply_after_unregister_is_refused(self):
        self.ok("unregister", self.slug, JANE[1])
        self.assert_refused(4, "unregistered", reply_ics(self.uid, JANE[1], "ACCEPTED"))


if __name__ == "__main__":
    unittest.main()
