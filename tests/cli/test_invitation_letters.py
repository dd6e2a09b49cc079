"""Invitation e-mails a person would write (issue 10): a greeting by name, what happened, when,
where and how to join, the agenda, in the attendee's language, as text/plain and text/html
beside the calendar; templates a user can replace."""
import email
import email.policy
import os
import unittest

from harness import SOURCE_DIR, ConveneTestCase, update_golden

EXAMPLES = os.path.join(SOURCE_DIR, "examples")
GOLDEN = os.path.join(SOURCE_DIR, "tests", "golden")
SLUG = "imrf-briefing-2022"
CONFIG = '[organiser]\nname = "Mayors Mechanism"\nemail = "events@example.org"\n'
ELODIE = ("Élodie Zoé", "elodie@exemple.fr")
JUAN = ("Juan Pérez", "juan@ejemplo.es")


class Letters(ConveneTestCase):
    def setUp(self):
        super().setUp()
        self.write("convene.toml", CONFIG)
        for name in ("seed-peer-learning.toml", "seed-briefing.toml"):
            self.ok("create-event", "--from", os.path.join(EXAMPLES, name))
        self.ok("register", SLUG, "--name", ELODIE[0], "--email", ELODIE[1])
        self.ok("register", SLUG, "--name", JUAN[0], "--email", JUAN[1], "--language", "es")

    def message(self, person):
        data = self.ok("export-ics", SLUG, "--attendee", person[1], "--eml").encode()
        data.decode("ascii")  # 7-bit
        return email.message_from_bytes(data, policy=email.policy.default)

    def parts(self, person):
        message = self.message(person)
        self.assertEqual(message.get_content_type(), "multipart/alternative")
        text, html, calendar = message.iter_parts()
        self.assertEqual(text.get_content_type(), "text/plain")
        self.assertEqual(html.get_content_type(), "text/html")
        self.assertEqual(calendar.get_content_type(), "text/calendar")
        return message, text.get_content().replace("\r\n", "\n"), html.get_content(), calendar

    def test_the_seed_invitation_in_french(self):
        message, text, html, calendar = self.parts(ELODIE)
        self.assertEqual(message["Subject"], "Invitation\u00a0: Séance d'information sur la route "
                                             "vers le Forum d'examen des migrations "
                                             "internationales (IMRF)")
        path = os.path.join(GOLDEN, "seed-invitation.fr.txt")
        if update_golden():
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        with open(path, encoding="utf-8") as f:
            self.assertEqual(text, f.read())
        self.assertIn('<html lang="fr">', html)
        self.assertIn("<p>Bonjour Élodie Zoé,</p>", html)
        self.assertIn('<ol class="agenda">', html)
        # Not for someone registered already: the registration link.
        self.assertNotIn("example.org/imrf-briefing-2022/register", text)
        description = calendar.get_payload(decode=True).decode().replace("\r\n ", "")
        self.assertIn("Interprétation\u00a0: anglais\\, français et espagnol", description)

    def test_a_spanish_speaker_gets_spanish(self):
        message, text, html, _ = self.parts(JUAN)
        self.assertTrue(message["Subject"].startswith("Invitación: Séance"))
        self.assertTrue(text.startswith("Hola, Juan Pérez:\n\nSu inscripción en «Séance"), text)
        self.assertIn("13 de abril de 2022", text)
        self.assertIn("Programa\n", text)
        self.assertIn('<html lang="es">', html)

    def test_a_cancelled_registration_says_so(self):
        self.ok("unregister", SLUG, ELODIE[1])
        message, text, _, calendar = self.parts(ELODIE)
        self.assertTrue(message["Subject"].startswith("Inscription annulée\u00a0: Séance"))
        self.assertIn("Votre inscription à «\u00a0Séance", text)
        self.assertNotIn("Programme", text)
        self.assertEqual(calendar.get_param("method"), "CANCEL")

    def test_templates_from_the_configuration_replace_the_built_in_ones(self):
        os.makedirs(self.path("templates"))
        self.write("templates/invitation.fr.txt", "Chère {{name}},\n\n{{when}}\n{{join}}\n")
        self.write("convene.toml", CONFIG + '[invitations]\ntemplates = "templates"\n')
        _, text, html, _ = self.parts(ELODIE)
        # The line break before the MIME boundary belongs to the boundary.
        self.assertEqual(text, "Chère Élodie Zoé,\n\n13 avril 2022, 15 h 00 – 16 h 00 (heure "
                               "d’été d’Europe centrale)")
        self.assertIn("<p>Bonjour Élodie Zoé,</p>", html)  # no .html template: the built-in
        _, text, _, _ = self.parts(JUAN)  # no Spanish template: the built-in
        self.assertTrue(text.startswith("Hola, Juan Pérez:"))

    def test_an_unknown_placeholder_is_an_error_naming_the_file(self):
        os.makedirs(self.path("templates"))
        self.write("templates/invitation.txt", "Hello {{nmae}}\n")
        self.write("convene.toml", CONFIG + '[invitations]\ntemplates = "templates"\n')
        error = self.fails(5, "export-ics", SLUG, "--attendee", ELODIE[1], "--eml")
        self.assertIn("invitation.txt:1: unknown placeholder {{nmae}}", error)


if __name__ == "__main__":
    unittest.main()
