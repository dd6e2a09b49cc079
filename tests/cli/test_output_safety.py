"""What convene writes stays safe and whole whatever went in (issue 31): the HTML page links
only to http, https, mailto and tel and loads nothing from elsewhere, also when a file name
or a description tries; a page that cannot be written leaves no calendar behind; notes never
carry a terminal's escape sequences; schedule.xml is well-formed whatever another program
stored; descriptions nested too deep are refused when they come in and never crash a writer
that meets one; Ctrl-C during --invitations leaves no hidden temporary file."""
import os
import re
import shutil
import signal
import subprocess
import time
import unittest

from harness import BIN, POSTGRESQL, ConveneTestCase, sqlite_only

DEEP = "> " * 32000 + "x"


class OutputSafety(ConveneTestCase):
    def setUp(self):
        super().setUp()
        _, self.slug = self.create_briefing()

    # --- the HTML page -----------------------------------------------------------------------

    def test_a_file_name_cannot_become_a_script_link(self):
        self.ok("show", self.slug, "--format", "html", "-o", "javascript:alert(1).html")
        with open(self.path("javascript:alert(1).html"), encoding="utf-8") as f:
            page = f.read()
        [href] = re.findall(r'<a href="([^"]*)" type="text/calendar"', page)
        self.assertEqual(href, "javascript%3Aalert%281%29.ics")
        self.assertTrue(os.path.exists(self.path("javascript:alert(1).ics")))
        self.assertNotIn('href="javascript:', page)

    def test_descriptions_link_only_to_safe_schemes_and_load_no_image(self):
        self.ok("update-event", self.slug, "--description",
                "[site](https://example.org) [call](tel:+33123) [mail](mailto:a@example.org) "
                "[ftp](ftp://example.org/x) [rel](../secret) [js](javascript:alert(1))\n\n"
                "![pixel](https://tracker.example/p.gif)")
        page = self.ok("show", self.slug, "--format", "html")
        hrefs = re.findall(r'href="([^"]*)"', page)
        self.assertTrue(all(h.startswith(("https:", "http:", "mailto:", "tel:")) for h in hrefs),
                        hrefs)
        self.assertIn("tel:+33123", hrefs)
        self.assertNotIn("<img", page)
        self.assertNotRegex(page, r'src="https?:')
        self.assertIn('<a href="https://tracker.example/p.gif">pixel</a>', page)
        for text in ("ftp", "rel", "js"):
            self.assertIn(f" {text}", page.replace("</p>", " "))

    def test_a_page_that_cannot_be_written_leaves_no_calendar(self):
        os.mkdir(self.path("p"))
        error = self.fails(2, "show", self.slug, "--format", "html", "-o", "p")
        self.assertIn("it is a directory", error)
        self.assertFalse(os.path.exists(self.path("p.ics")))
        self.assertEqual(os.listdir(self.path("p")), [])
        self.assertEqual([n for n in os.listdir(self.dir) if n.startswith(".")], [])

    # --- notes -------------------------------------------------------------------------------

    def test_dry_run_notes_never_carry_escape_sequences(self):
        self.write("people.csv", "name,email,\x1b]0;owned\x07Diet\x1b[2J\nAnn,ann@example.org,v\n")
        result = self.run_convene("register", self.slug, "--csv", "people.csv", "--dry-run")
        # The header is refused (exit 5), but only after the notes named its columns.
        self.assertEqual(result.code, 5, result.stderr)
        self.assertIn("column: custom field", result.stderr)
        self.assertNotIn("\x1b", result.stderr)
        self.assertNotIn("\x07", result.stderr)
        self.assertIn("\\x1b", result.stderr, "shown as an escape")

    # --- schedules ---------------------------------------------------------------------------

    @unittest.skipUnless(shutil.which("xmllint"), "xmllint is not installed")
    def test_schedule_xml_is_well_formed_whatever_the_store_holds(self):
        self.ok("add-agenda-item", self.slug, "--title", "Opening", "--start", "+0m",
                "--duration", "15m")
        # U+FFFE and U+FFFF are refused when they come in…
        self.assertIn("U+FFFE", self.fails(2, "update-event", self.slug, "--title", "a\ufffeb"))
        # …and replaced when another program stored them (SQLite also keeps invalid UTF-8).
        titles = "'Forum ' || char(65534) || ' and ' || char(65535)"
        if not POSTGRESQL:
            titles += " || CAST(X'20C328FF' AS TEXT)"
        else:
            titles = "'Forum ' || chr(65534) || ' and ' || chr(65535)"
        self.store_sql(f"UPDATE agenda_item SET title = {titles}")
        self.store_sql(f"UPDATE event SET title = {titles} WHERE slug = '{self.slug}'")
        out = self.path("schedule.xml")
        self.ok("export-schedule", self.slug, "--format", "frab-xml", "-o", out)
        check = subprocess.run(["xmllint", "--noout", out], capture_output=True, text=True,
                               timeout=60)
        self.assertEqual(check.returncode, 0, check.stderr)
        with open(out, "rb") as f:
            data = f.read()
        self.assertIn("Forum \ufffd and \ufffd".encode(), data)

    # --- descriptions nested too deep ---------------------------------------------------------

    def test_a_description_nested_too_deep_is_refused_when_it_comes_in(self):
        self.write("deep.md", DEEP)
        error = self.fails(2, "update-event", self.slug, "--description", "@deep.md")
        self.assertIn("--description: the description nests quotes, lists or emphasis", error)
        self.write("deep.toml", 'title = "Deep"\nstart = "2024-01-01T10:00"\nduration = "1h"\n'
                   f'description = "{DEEP}"\n')
        self.assertIn("nests quotes", self.fails(5, "create-event", "--from", "deep.toml"))

    def test_a_deep_description_stored_elsewhere_is_still_shown_exported_and_sent(self):
        self.store_sql(f"UPDATE event SET description = '{DEEP}' WHERE slug = '{self.slug}'")
        self.ok("register", self.slug, "--name", "Ann", "--email", "ann@example.org")
        self.write("convene.toml",
                   '[organiser]\nname = "Events"\nemail = "events@example.org"\n')
        for args in (["show", self.slug], ["show", self.slug, "--format", "html"],
                     ["export-ics", self.slug],
                     ["export-ics", self.slug, "--attendee", "ann@example.org", "--eml"]):
            with self.subTest(args=args):
                result = self.run_convene(*args)
                self.assertEqual(result.code, 0, result.stderr)
                self.assertIn("x", result.stdout)

    # --- interrupted writers -----------------------------------------------------------------

    @sqlite_only("times a large import; the PostgreSQL run adds nothing to what is tested")
    def test_ctrl_c_during_invitations_leaves_no_hidden_file(self):
        rows = "name,email\n" + "".join(f"P {i},p{i}@example.org\n" for i in range(30000))
        self.ok("register", self.slug, "--csv", self.write("people.csv", rows))
        self.write("convene.toml",
                   '[organiser]\nname = "Events"\nemail = "events@example.org"\n')
        os.mkdir(self.path("out"))
        # As from a terminal: SIGINT at its default action, whatever the test runner chose.
        proc = subprocess.Popen([BIN, "export-ics", self.slug, "--invitations", "out", "--eml"],
                                env=self.env, cwd=self.dir, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        deadline = time.monotonic() + 120
        while len(os.listdir(self.path("out"))) < 200 and proc.poll() is None:
            self.assertLess(time.monotonic() - deadline, 0)
            time.sleep(0.005)
        self.assertIsNone(proc.poll(), "finished before it could be interrupted")
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=120)
        self.assertEqual(proc.returncode, -signal.SIGINT, "ends as Ctrl-C ends a program")
        hidden = [n for n in os.listdir(self.path("out")) if n.startswith(".")]
        self.assertEqual(hidden, [])
        written = os.listdir(self.path("out"))
        self.assertGreater(len(written), 0)
        self.assertLess(len(written), 30000)


if __name__ == "__main__":
    unittest.main()
