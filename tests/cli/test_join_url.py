"""--join-url (issue 29): the meeting link for registered people only. Invitations and their
.ics carry it; pages (`show`, every format), public feeds (`export-ics`) and the schedule
(`export-schedule`) never do, and say the event is online instead."""
import email
import email.policy
import os
import unittest

from ics_testing import ORGANISER_TOML, ExportTestCase

JOIN = "https://meet.example.org/private-room-7f3a"
OTHER = "https://meet.example.org/other-room-91c2"
ONLINE = "https://example.org/imrf-briefing"
JANE = ("Jane Doe", "jane@example.org")
CONFERENCE = 'CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL="Join online":'

EVENT_FILE = f"""\
title = "Réunion privée"
slug = "private"
timezone = "Europe/Paris"
locale = "fr"
start = 2022-04-13T15:00:00
end = 16:00:00
join-url = "{JOIN}"
"""


class JoinUrl(ExportTestCase):
    def setUp(self):
        super().setUp()
        self.write("convene.toml", ORGANISER_TOML)

    def briefing(self, *extra):
        _, slug = self.create_briefing("--join-url", JOIN, *extra)
        self.ok("register", slug, "--name", JANE[0], "--email", JANE[1])
        return slug

    def invitation(self, slug):
        return self.export(slug, "--attendee", JANE[1]).replace(b"\r\n ", b"").decode()

    def public_outputs(self, slug):
        """Everything anyone may see of the event: {what: text}."""
        outputs = {f"show --format {f}": self.ok("show", slug, "--format", f)
                   for f in ("text", "markdown", "html", "json")}
        outputs["export-ics"] = self.export(slug).decode()
        outputs["export-ics --with-agenda"] = self.export(slug, "--with-agenda").decode()
        outputs["export-ics --all"] = self.export("--all").decode()
        outputs["export-schedule"] = self.ok("export-schedule", slug)
        outputs["export-schedule frab-json"] = self.ok("export-schedule", slug, "--format",
                                                      "frab-json")
        outputs["list events"] = self.ok("list", "events", "--format", "json")
        if slug != "private":  # the briefing's programme
            outputs["export-schedule parent"] = self.ok("export-schedule", "peer-learning-2022")
            outputs["show parent"] = self.ok("show", "peer-learning-2022", "--format", "json")
        return outputs

    def assert_no_join_link(self, slug, link=JOIN):
        for what, text in self.public_outputs(slug).items():
            with self.subTest(output=what):
                self.assertNotIn(link, text.replace("\r\n ", ""))
                self.assertNotIn("private-room", text)

    def test_the_invitation_carries_the_join_link(self):
        slug = self.briefing()
        ics = self.invitation(slug)
        self.assertIn(CONFERENCE + JOIN, ics)
        self.assertIn(f"URL:{JOIN}", ics)
        self.assertIn(JOIN, self.property(ics.encode(), "DESCRIPTION")[0])
        self.assertNotIn(CONFERENCE + ONLINE, ics)

    def test_the_letter_carries_the_join_link(self):
        slug = self.briefing()
        data = self.ok("export-ics", slug, "--attendee", JANE[1], "--eml").encode()
        message = email.message_from_bytes(data, policy=email.policy.default)
        text, html, _ = message.iter_parts()
        self.assertIn(JOIN, text.get_content())
        self.assertIn(JOIN, html.get_content())

    def test_invitation_folders_carry_it_too(self):
        slug = self.briefing()
        self.ok("export-ics", slug, "--invitations", self.path("inv"))
        self.assertIn(JOIN, self.read_folder("inv"))

    def read_folder(self, name):
        out = ""
        for entry in sorted(os.listdir(self.path(name))):
            with open(self.path(name, entry), "rb") as f:
                out += f.read().replace(b"\r\n ", b"").decode()
        return out

    def test_pages_feeds_and_schedules_never_show_it(self):
        slug = self.briefing()
        self.assert_no_join_link(slug)
        # The public link stays public.
        self.assertIn(ONLINE, self.ok("show", slug))
        self.assertIn(ONLINE, self.export(slug).decode().replace("\r\n ", ""))

    def test_a_private_only_event_says_online_in_its_language(self):
        self.write("event.toml", EVENT_FILE)
        self.ok("create-event", "--from", "event.toml")
        self.ok("register", "private", "--name", JANE[0], "--email", JANE[1])
        self.assert_no_join_link("private")
        feed = self.export("private")
        self.assertEqual(self.property(feed, "LOCATION"), ["En ligne"])
        self.assertEqual(self.property(feed, "CONFERENCE"), [])
        self.assertIn("En ligne", self.property(feed, "DESCRIPTION")[0])
        ics = self.invitation("private")
        self.assertIn(f"LOCATION:{JOIN}", ics)  # no venue: the link is where
        self.assertIn(JOIN, self.property(ics.encode(), "CONFERENCE"))
        # Its page says it is online and who gets the link, in every format.
        for fmt in ("text", "markdown", "html"):
            with self.subTest(format=fmt):
                page = " ".join(self.ok("show", "private", "--format", fmt).split())
                self.assertIn("En ligne", page)
                self.assertIn("lien envoyé aux personnes inscrites", page)

    def test_update_event_sets_changes_and_clears_it(self):
        _, slug = self.create_briefing()
        self.ok("register", slug, "--name", JANE[0], "--email", JANE[1])
        self.assertNotIn(JOIN, self.invitation(slug))
        self.ok("update-event", slug, "--join-url", JOIN)
        first = self.invitation(slug)
        self.assertIn(JOIN, first)
        self.assertEqual(self.property(first.encode(), "SEQUENCE"), ["1"])  # calendars update
        self.assert_no_join_link(slug)
        self.ok("update-event", slug, "--join-url", OTHER)
        self.assertIn(OTHER, self.invitation(slug))
        self.assert_no_join_link(slug, OTHER)
        self.ok("update-event", slug, "--join-url", "")
        cleared = self.invitation(slug)
        self.assertNotIn(OTHER, cleared)
        self.assertNotIn(JOIN, cleared)
        # Back to the public online link.
        self.assertIn(CONFERENCE + ONLINE, cleared)

    def test_a_join_url_must_be_a_link(self):
        _, slug = self.create_briefing()
        error = self.fails(2, "update-event", slug, "--join-url", "not a link")
        self.assertIn("join-url", error)

    def test_the_event_file_key(self):
        self.write("event.toml", EVENT_FILE)
        self.ok("create-event", "--from", "event.toml")
        self.ok("register", "private", "--name", JANE[0], "--email", JANE[1])
        self.assertIn(JOIN, self.invitation("private"))
        self.write("event.toml", EVENT_FILE.replace(JOIN, OTHER))
        self.ok("create-event", "--from", "event.toml", "--replace")
        self.assertIn(OTHER, self.invitation("private"))


if __name__ == "__main__":
    unittest.main()
