"""The event page in the event's language (issue 10) and as a newcomer reads it (issue 15):
golden seed pages in French, English and Spanish as text, Markdown and HTML; the HTML page
validated and rendered by a real headless Chromium; descriptions as CommonMark, safely."""
import contextlib
import functools
import html.parser
import http.server
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import tempfile
import threading
import unittest
import zlib

from harness import SOURCE_DIR, ConveneTestCase, sqlite_only, update_golden

EXAMPLES = os.path.join(SOURCE_DIR, "examples")
GOLDEN = os.path.join(SOURCE_DIR, "tests", "golden", "pages")
SLUG = "imrf-briefing-2022"
PARENT = "migrations-crise-2022"
FORMATS = {"text": "txt", "markdown": "md", "html": "html"}

AGENDA_TITLES = [
    "Détails techniques",
    "La route vers le Forum d'examen des migrations internationales (IMRF)",
    "Discussion, questions et réponses",
    "Conclusions",
]
SPEAKERS = ["Monami Maulik", "Sophie van Haasen"]
TITLE = ("Séance d'information sur la route vers le Forum d'examen des migrations internationales "
         "(IMRF)")


def chromium():
    for name in ("chromium", "chromium-browser"):
        if shutil.which(name):
            return shutil.which(name)
    return None


@contextlib.contextmanager
def local_server(folder):
    """An HTTP server of `folder` on 127.0.0.1 (a free port) for the time of the block."""
    handler = functools.partial(QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def run_bounded(command, cwd, timeout=180):
    """Runs `command` in a process group of its own and returns its stdout; the whole group
    (a browser starts helpers) is killed when it is done or after `timeout` seconds."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        out, _ = process.communicate(timeout=timeout)
        return out
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()


def png_pixels(path):
    """The decoded scanlines of an 8-bit RGB(A) PNG, without filtering undone: enough to tell a
    blank image (every row the same bytes) from a drawn one."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            channels = {2: 3, 6: 4}.get(colour, 1)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels + 1
    return width, height, [raw[i * stride + 1:(i + 1) * stride] for i in range(height)]


class PageTestCase(ConveneTestCase):
    def seed(self, locale="fr"):
        for name in ("seed-peer-learning.toml", "seed-briefing.toml"):
            self.ok("create-event", "--from", os.path.join(EXAMPLES, name))
        if locale != "fr":
            self.ok("update-event", SLUG, "--locale", locale)
            self.ok("update-event", PARENT, "--locale", locale)

    def compare_golden(self, name, actual):
        path = os.path.join(GOLDEN, name)
        if update_golden():
            os.makedirs(GOLDEN, exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(actual)
        with open(path, encoding="utf-8", newline="") as f:
            self.assertEqual(actual, f.read(), f"differs from {path}")


class GoldenPages(PageTestCase):
    def test_the_seed_page_in_three_languages_and_three_formats(self):
        for locale in ("fr", "en", "es"):
            with self.subTest(locale=locale):
                self.tearDown()
                self.setUp()
                self.seed(locale)
                for fmt, extension in FORMATS.items():
                    page = self.ok("show", SLUG, "--format", fmt)
                    self.compare_golden(f"seed.{locale}.{extension}", page)

    def test_the_french_page_speaks_french(self):
        self.seed()
        page = self.ok("show", SLUG)
        self.assertIn("Quand\u00a0:", page)
        self.assertIn("13 avril 2022, 15 h 00 – 16 h 00 (heure d’été d’Europe centrale)", page)
        self.assertIn("anglais, français et espagnol", page)
        # The parent's three days as French writes them (ICU's interval format), not twice.
        self.assertIn("(11–13 avril 2022)", page)
        self.assertIn("Programme\n", page)
        # Links keep their URL after their text; the Markdown keeps the link as written.
        self.assertIn("le Pacte mondial sur les réfugiés (https://example.org/gcr)",
                      " ".join(page.split()))
        markdown = self.ok("show", SLUG, "--format", "markdown")
        self.assertIn("[Pacte mondial sur les réfugiés](https://example.org/gcr)", markdown)
        self.assertIn("## Contexte\n", markdown)
        # Labels stay English keys in JSON; the times' text is French.
        data = json.loads(self.ok("show", SLUG, "--format", "json"))
        self.assertEqual(data["locale"], "fr")
        self.assertEqual(data["times"][0]["text"],
                         "13 avril 2022, 15 h 00 – 16 h 00 (heure d’été d’Europe centrale)")

    def test_a_spanish_page(self):
        self.seed("es")
        page = self.ok("show", SLUG)
        self.assertIn("Cuándo:", page)
        self.assertIn("13 de abril de 2022", page)
        self.assertIn("inglés, francés y español", page)

    def test_the_parent_page_lists_its_sessions(self):
        self.seed()
        for fmt in FORMATS:
            with self.subTest(format=fmt):
                page = self.ok("show", PARENT, "--format", fmt)
                self.assertIn("1 séance", page)
                # Under its day's heading, its time, its speakers, its link.
                day = " ".join(page[page.index("mercredi 13 avril 2022"):].split())
                self.assertIn("15 h 00 – 16 h 00", day)
                self.assertIn("Monami Maulik (Réseau des Nations Unies sur la migration) et "
                              "Sophie van Haasen (GFMD Mayors Mechanism)", day)
                self.assertIn("https://example.org/imrf-briefing-2022/register", day)
        data = json.loads(self.ok("show", PARENT, "--format", "json"))
        self.assertEqual([(s["slug"], s["day"]) for s in data["sessions"]],
                         [(SLUG, "2022-04-13")])
        self.assertEqual([p["name"] for p in data["sessions"][0]["speakers"]],
                         ["Monami Maulik", "Sophie van Haasen"])


class OrganiserRoles(PageTestCase):
    """Issue 29: organisers carry a role, and pages group them as the seed does ("co-led by
    … in partnership with …"), in the page's language."""

    def test_the_seed_groups_its_organisers_in_every_format(self):
        self.seed()
        shown = {"text": ("Organisateurs\u00a0:", "Sous la codirection de\u00a0:",
                          "En partenariat avec\u00a0:"),
                 "markdown": ("**Sous la codirection de\u00a0:** Cités et Gouvernements Unis "
                              "(CGLU), Mayors Migration Council (MMC) et Organisation "
                              "Internationale pour les Migrations (OIM)",
                              "**En partenariat avec\u00a0:** Agence des Nations Unies pour les "
                              "Réfugiés (HCR)"),
                 "html": ("<dt>Sous la codirection de</dt>", "<dt>En partenariat avec</dt>")}
        for fmt, labels in shown.items():
            page = self.ok("show", SLUG, "--format", fmt)
            for label in labels:
                with self.subTest(format=fmt, label=label):
                    self.assertIn(label, page)
            # Those without a role come first, then the co-leads, then the partners.
            self.assertLess(page.index("Mayors Mechanism"), page.index("CGLU"))
            self.assertLess(page.index("CGLU"), page.index("HCR"))

    def test_json_keeps_the_names_and_adds_their_roles(self):
        self.seed()
        page = json.loads(self.ok("show", SLUG, "--format", "json"))
        self.assertEqual(page["organisers"][0], "Mayors Mechanism")
        self.assertEqual(page["organiser_roles"],
                         [None, "co-lead", "co-lead", "co-lead", "partner"])

    def test_roles_from_flags_in_english_and_spanish(self):
        self.ok("create-event", "--title", "Briefing", "--start", "2026-05-04T15:00",
                "--duration", "1h", "--tz", "UTC", "--organiser", "Lead: ACME",
                "--organiser", "host:Town Hall", "--organiser", "sponsor: Globex",
                "--organiser", "UN-Habitat: Urban Lab")
        page = self.ok("show", "briefing")
        for line in ("Led by:", "ACME", "Hosted by:", "Town Hall", "With the support of:",
                     "Organisers:", "UN-Habitat: Urban Lab"):
            self.assertIn(line, page)
        self.ok("update-event", "briefing", "--locale", "es", "--organiser", "partner: IOM")
        page = self.ok("show", "briefing")
        self.assertIn("En colaboración con:", page)
        self.assertNotIn("ACME", page)
        # A role without a name is refused; the event keeps its organisers.
        result = self.fails(2, "update-event", "briefing", "--organiser", "co-lead:  ")
        self.assertIn("has no name", result)

    @sqlite_only("edits the SQLite file behind convene's back")
    def test_db_check_names_a_role_convene_does_not_know(self):
        self.seed()
        self.damaged_on_purpose = True
        subprocess.run(["sqlite3", self.path("convene.db")], check=True, text=True,
                       input="PRAGMA ignore_check_constraints = ON;"
                             "UPDATE event_organiser SET role = 'boss' WHERE position = 2;")
        self.assertIn("'boss' is not an organiser's role", self.run_convene("db", "check").stdout)

    def test_db_copy_keeps_the_roles(self):
        self.seed()
        self.ok("db", "copy", "--to", self.path("copy.db"))
        copied = json.loads(self.ok("--db", self.path("copy.db"), "show", SLUG,
                                    "--format", "json"))
        self.assertEqual(copied["organiser_roles"][-1], "partner")


class Installed(PageTestCase):
    def test_the_installed_binary_finds_its_catalogs(self):
        build = os.environ.get("CONVENE_BUILD_DIR")
        if not build or not shutil.which("cmake"):
            self.skipTest("needs CONVENE_BUILD_DIR and cmake")
        prefix = self.path("prefix")
        result = subprocess.run(["cmake", "--install", build, "--prefix", prefix],
                                capture_output=True, text=True, timeout=300)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(os.path.exists(
            os.path.join(prefix, "share", "locale", "fr", "LC_MESSAGES", "convene.mo")))
        self.seed()
        installed = subprocess.run([os.path.join(prefix, "bin", "convene"), "show", SLUG],
                                   capture_output=True, text=True, env=self.env, cwd=self.dir,
                                   timeout=60)
        self.assertEqual(installed.returncode, 0, installed.stderr)
        self.assertIn("Quand\u00a0:", installed.stdout)


class NewcomerPage(PageTestCase):
    """Issue 15, for `show`."""

    def test_text_wraps_to_100_columns_and_underlines_the_whole_title(self):
        self.seed()
        page = self.ok("show", SLUG)
        lines = page.split("\n")
        self.assertLessEqual(max(len(line) for line in lines), 100)
        self.assertEqual(lines[0], TITLE)  # 94 characters: not cut, not wrapped
        self.assertEqual(lines[1], "=" * len(TITLE))

    def test_markdown_says_what_text_says(self):
        self.seed()
        self.ok("update-event", SLUG, "--status", "tentative")
        for fmt, label in (("text", "Statut\u00a0:"), ("markdown", "**Statut\u00a0:**")):
            self.assertIn(label, self.ok("show", SLUG, "--format", fmt))

    def test_the_status_shows_only_when_not_confirmed(self):
        """Issue 29: a confirmed event is what a page means; JSON, for programs, keeps it."""
        self.seed()
        for fmt in FORMATS:
            with self.subTest(format=fmt):
                page = self.ok("show", SLUG, "--format", fmt)
                self.assertNotIn("Statut", page)
                self.assertNotIn("confirmé", page)
        self.assertEqual(json.loads(self.ok("show", SLUG, "--format", "json"))["status"],
                         "confirmed")
        self.ok("update-event", SLUG, "--status", "tentative")
        for fmt, shown in (("text", "Statut\u00a0:"), ("markdown", "**Statut\u00a0:** provisoire"),
                           ("html", "<dt>Statut</dt>")):
            with self.subTest(format=fmt):
                self.assertIn(shown, self.ok("show", SLUG, "--format", fmt))
        self.ok("cancel-event", SLUG)
        self.assertIn("annulé", self.ok("show", SLUG))

    def test_a_locales_region_decides_the_clock(self):
        """Issue 29: en-GB, fr and es write 15:00, en-US 3:00 PM, from ICU's data."""
        expected = {"en-GB": "15:00 – 16:00", "en-US": "3:00\u202fPM – 4:00\u202fPM",
                    "es": "15:00 – 16:00", "fr": "15 h 00 – 16 h 00"}
        for number, (locale, times) in enumerate(expected.items()):
            with self.subTest(locale=locale):
                slug = self.ok("create-event", "--title", f"Clock {number}", "--start",
                               "2022-04-13T15:00", "--end", "16:00", "--tz", "Europe/Paris",
                               "--locale", locale.lower()).strip()
                self.assertIn(times, self.ok("show", slug))
                data = json.loads(self.ok("show", slug, "--format", "json"))
                self.assertEqual(data["locale"], locale)
        html = self.ok("show", "clock-0", "--format", "html")
        self.assertIn('<html lang="en-GB">', html)

    def test_an_item_kind_is_not_part_of_its_title(self):
        self.ok("create-event", "--title", "Briefing", "--start", "2022-04-13T15:00",
                "--end", "16:00", "--tz", "Europe/Paris")
        self.ok("add-agenda-item", "briefing", "--title", "Questions", "--kind", "discussion")
        page = self.ok("show", "briefing")
        self.assertIn("1. Questions\n   Format: discussion\n", page)
        markdown = self.ok("show", "briefing", "--format", "markdown")
        self.assertIn("1. **Questions**\n\n   *Format: discussion*\n", markdown)

    def test_json_unset_is_null_and_empty_lists_are_lists(self):
        self.ok("create-event", "--title", "Bare", "--date", "2022-04-13", "--tz", "UTC")
        data = json.loads(self.ok("show", "bare", "--format", "json"))
        for key in ("description", "venue", "online_url", "registration_url", "capacity",
                    "parent"):
            self.assertIsNone(data[key], key)
        for key in ("languages", "organisers", "agenda", "sessions", "times"):
            self.assertEqual(data[key], [], key)


class SafeDescriptions(PageTestCase):
    def test_script_and_javascript_links_are_harmless_in_html(self):
        self.ok("create-event", "--title", "Piège", "--date", "2022-04-13", "--tz", "UTC",
                "--description", "<script>alert(1)</script>\n\n"
                "[cliquez](javascript:alert(2)) <img src=x onerror=alert(3)>")
        page = self.ok("show", "piege", "--format", "html")
        self.assertNotIn("<script", page)
        self.assertNotIn("javascript:", page)
        self.assertNotIn("onerror", page)
        self.assertIn("cliquez", page)


class HtmlPage(PageTestCase):
    def write_page(self):
        self.seed()
        self.ok("show", SLUG, "--format", "html", "-o", self.path("page.html"))
        with open(self.path("page.html"), encoding="utf-8") as f:
            return f.read()

    def test_a_self_contained_page_with_a_calendar_beside_it(self):
        page = self.write_page()
        self.assertIn('<html lang="fr">', page)
        self.assertIn('<a href="page.ics" type="text/calendar">Ajouter à mon agenda</a>', page)
        self.assertIn("(UTC+02:00)", page)
        self.assertIn('<ol class="agenda">', page)
        with open(self.path("page.ics"), "rb") as f:
            self.assertIn(b"BEGIN:VEVENT", f.read())
        # Nothing to fetch, nothing to run.
        self.assertNotIn("<script", page)
        self.assertNotRegex(page, r'(src|href)="(https?:)?//[^"]*\.(css|js|png|woff2?)')
        self.assertNotIn("<link", page)

    def test_the_calendar_beside_it_is_export_ics_with_the_default_reminders(self):
        self.write("convene.toml", '[defaults]\nreminders = ["1d"]\n')
        self.write_page()
        with open(self.path("page.ics"), "rb") as f:
            calendar = f.read()
        self.assertIn(b"BEGIN:VALARM", calendar)
        self.assertIn(b"TRIGGER:-P1D", calendar)
        self.assertIn("-o: the HTML page would overwrite its own calendar",
                      self.fails(2, "show", SLUG, "--format", "html", "-o", "page.ics"))

    def test_html5lib_finds_no_error(self):
        try:
            import html5lib  # Debian: python3-html5lib
        except ImportError:
            self.skipTest("python3-html5lib is not installed")
        parser = html5lib.HTMLParser(strict=True)
        parser.parse(self.write_page())
        self.assertEqual(parser.errors, [])

    @unittest.skipUnless(shutil.which("tidy"), "tidy is not installed")
    def test_tidy_finds_no_error(self):
        self.write_page()
        result = subprocess.run(["tidy", "-errors", "-quiet", self.path("page.html")],
                                capture_output=True, text=True, timeout=60)
        # 0: clean, 1: warnings only, 2: errors.
        self.assertLess(result.returncode, 2, result.stderr)

    @unittest.skipUnless(chromium(), "chromium is not installed")
    def test_headless_chromium_renders_it(self):
        self.write_page()
        with local_server(self.dir) as port, \
                tempfile.TemporaryDirectory(prefix="convene-chromium-") as profile:
            url = f"http://127.0.0.1:{port}/page.html"
            # Headless, nothing but 127.0.0.1 reachable, its own profile, killed with every
            # process it started when it outlives its time.
            flags = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-proxy-server",
                     "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                     f"--user-data-dir={profile}", "--window-size=412,1600"]
            shot = self.path("page.png")
            run_bounded(flags + [f"--screenshot={shot}", url], cwd=self.dir)
            self.assertTrue(os.path.exists(shot), "chromium wrote no screenshot")
            width, height, rows = png_pixels(shot)
            self.assertEqual(width, 412)
            self.assertGreater(len(set(rows)), 10, "the screenshot is blank")
            dom = run_bounded(flags + ["--dump-dom", url], cwd=self.dir)

        class Texts(html.parser.HTMLParser):
            def __init__(self):
                super().__init__()
                self.title, self.items, self.stack, self.text = "", [], [], []

            def handle_starttag(self, tag, attrs):
                self.stack.append(tag)

            def handle_endtag(self, tag):
                while self.stack and self.stack.pop() != tag:
                    pass

            def handle_data(self, data):
                self.text.append(data)
                if self.stack and self.stack[-1] == "title":
                    self.title += data
                if self.stack[-2:] == ["li", "h3"]:
                    self.items.append(data)

        texts = Texts()
        texts.feed(dom)
        self.assertEqual(texts.title.strip(), TITLE)
        self.assertEqual(texts.items, AGENDA_TITLES)
        everything = "".join(texts.text)
        for speaker in SPEAKERS:
            self.assertIn(speaker, everything)


if __name__ == "__main__":
    unittest.main()
