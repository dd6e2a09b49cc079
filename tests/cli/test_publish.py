"""`convene publish` (issue 29, points 1 and 6): the seed as a parent with three sessions,
published as a static site in French, English and Spanish; links between pages and feeds, a
re-publish that rewrites only what changed, nothing private in it, and every page checked as
a real site: html5lib, tidy, and an accessibility audit (axe-core, WCAG 2.1 A and AA) in the
Debian chromium."""
import html
import html.parser
import json
import os
import subprocess
import tempfile
import unittest
import urllib.parse

from harness import SOURCE_DIR, ConveneTestCase, sqlite_only
from test_pages import chromium, local_server, run_bounded

PARENT = "migrations-crise-2022"
SESSIONS = ["accueil", "imrf-briefing", "cloture"]
LOCALES = ["fr", "en", "es"]
JOIN_URL = "https://meet.example.org/j/8767865929710587?pwd=secret"
EMAILS = ["ana.silva@example.org", "jean.martin@example.net"]
AXE = os.path.join(SOURCE_DIR, "tests", "browser", "node_modules", "axe-core", "axe.min.js")


class Links(html.parser.HTMLParser):
    """Every href of a page, and its <html lang> and hreflang alternates."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.alternates, self.lang = [], {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "link" and attrs.get("hreflang"):
            self.alternates[attrs["hreflang"]] = attrs["href"]
        if "href" in attrs:
            self.hrefs.append(attrs["href"])


def links_of(path):
    parser = Links()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    return parser


class SiteFixture(ConveneTestCase):
    """The seed's three days with three sessions, one with a private join link and two
    registered people."""

    def setUp(self):
        super().setUp()
        self.ok("create-event", "--slug", PARENT, "--title",
                "Migrations et déplacements en contexte de crise : Que font les GLR pour "
                "sauver et protéger des vies ?", "--date", "2022-04-11", "--end-date",
                "2022-04-13", "--tz", "Europe/Paris", "--locale", "fr")
        self.session("accueil", "Accueil des participants", "2022-04-11T09:00", "10:00")
        self.session("imrf-briefing", "Séance d'information sur la route vers l'IMRF",
                     "2022-04-13T15:00", "16:00", "--languages", "en,fr,es",
                     "--registration-url", "https://example.org/imrf-briefing/register",
                     "--join-url", JOIN_URL, "--organiser", "Mayors Mechanism")
        self.session("cloture", "Clôture", "2022-04-13T17:00", "17:30")
        self.ok("add-agenda-item", "imrf-briefing", "--title", "La route vers l'IMRF",
                "--start", "15:05", "--duration", "20m",
                "--speaker", "Monami Maulik; Stakeholder Liaison Officer; Réseau des Nations "
                "Unies sur la migration")
        for email in EMAILS:
            self.ok("register", "imrf-briefing", "--name", email.split("@")[0], "--email", email)

    def session(self, slug, title, start, end, *extra):
        self.ok("create-event", "--slug", slug, "--title", title, "--start", start, "--end", end,
                "--tz", "Europe/Paris", "--locale", "fr", "--venue", "En ligne",
                "--parent", PARENT, *extra)

    def publish(self, folder="site", *extra, env=None):
        result = self.run_convene("publish", PARENT, self.path(folder), *extra, env=env)
        self.assertEqual(result.code, 0, result.stderr)
        return result

    def files(self, folder="site"):
        root = self.path(folder)
        return {name: open(os.path.join(root, name), "rb").read()
                for name in sorted(os.listdir(root)) if not name.startswith(".")}


class PublishedSite(SiteFixture):
    def test_a_page_per_event_and_language_feeds_and_the_schedule(self):
        result = self.publish()
        expected = {f"index.{lang}.html" for lang in LOCALES}
        expected |= {f"{slug}.{lang}.html" for slug in SESSIONS for lang in LOCALES}
        expected |= {f"{slug}.ics" for slug in [PARENT, *SESSIONS]}
        expected |= {f"{PARENT}.programme.ics", f"{PARENT}.schedule.xml",
                     f"{PARENT}.schedule.json"}
        self.assertEqual(set(self.files()), expected)
        self.assertIn("published 4 events in fr, en, es", result.stderr)
        # The schedule is export-schedule's, read from the same sessions.
        self.assertEqual(self.files()[f"{PARENT}.schedule.xml"].decode(),
                         self.ok("export-schedule", PARENT))
        self.assertIn(f"{len(expected)} files written, 0 unchanged", result.stderr)

    def test_the_index_lists_the_sessions_day_by_day_in_each_language(self):
        self.publish()
        days = {"fr": ["lundi 11 avril 2022", "mercredi 13 avril 2022"],
                "en": ["Monday, April 11, 2022", "Wednesday, April 13, 2022"],
                "es": ["lunes, 11 de abril de 2022", "miércoles, 13 de abril de 2022"]}
        for lang in LOCALES:
            page = self.files()[f"index.{lang}.html"].decode()
            self.assertIn(f'<html lang="{lang}">', page)
            starts = [page.index(day) for day in days[lang]]
            self.assertEqual(starts, sorted(starts))
            for slug in SESSIONS:
                self.assertIn(f'href="{slug}.{lang}.html"', page)
            self.assertLess(page.index("Accueil"), starts[1])
            self.assertGreater(page.index("Clôture"), page.index("route vers l&#39;IMRF"))
        self.assertIn("3 séances", self.files()["index.fr.html"].decode())
        self.assertIn("3 sessions", self.files()["index.en.html"].decode())

    def test_pages_name_their_other_languages_and_their_parent(self):
        self.publish()
        links = links_of(self.path("site", "imrf-briefing.es.html"))
        self.assertEqual(links.lang, "es")
        self.assertEqual(links.alternates, {lang: f"imrf-briefing.{lang}.html"
                                            for lang in LOCALES})
        self.assertIn("index.es.html", links.hrefs)  # its parent, in its language
        self.assertIn("imrf-briefing.ics", links.hrefs)
        page = self.files()["imrf-briefing.es.html"].decode()
        self.assertIn('lang="fr">français</a>', page)
        self.assertIn('aria-current="page">español</a>', page)
        # The event's own texts are French: marked so, on the pages in other languages only.
        self.assertIn('<h1 lang="fr">Séance', page)
        self.assertIn('<span lang="fr">La route vers', page)
        self.assertIn('<strong lang="fr"><a href="accueil.en.html">',
                      self.files()["index.en.html"].decode())
        french = self.files()["imrf-briefing.fr.html"].decode()
        self.assertIn("<h1>Séance", french)
        self.assertEqual(french.count(' lang="fr"'), 2)  # <html> and the language switch

    def test_every_link_between_pages_and_feeds_resolves(self):
        self.publish("site", "--base-url", "https://example.org/forum/")
        checked = 0
        for name in self.files():
            if not name.endswith(".html"):
                continue
            for href in links_of(self.path("site", name)).hrefs:
                if href.startswith(("webcal://", "https://example.org/forum/")):
                    target = href.split("/forum/", 1)[1]
                elif "://" in href or href.startswith(("mailto:", "tel:")):
                    continue  # the events' own links, outside the site
                else:
                    target = urllib.parse.unquote(href)
                self.assertTrue(os.path.isfile(self.path("site", target)), f"{name}: {href}")
                checked += 1
        self.assertGreater(checked, 40)
        index = self.files()["index.fr.html"].decode()
        self.assertIn(f'href="webcal://example.org/forum/{PARENT}.programme.ics"', index)
        self.assertIn(f'href="webcal://example.org/forum/{PARENT}.ics"', index)
        self.assertIn("S’abonner au programme", index)
        schedule = json.loads(self.files()[f"{PARENT}.schedule.json"])
        urls = [talk["url"] for day in schedule["schedule"]["conference"]["days"]
                for room in day["rooms"].values() for talk in room]
        self.assertEqual(sorted(urls), sorted(f"https://example.org/forum/{slug}.fr.html"
                                              for slug in SESSIONS))

    def test_the_same_database_publishes_the_same_bytes(self):
        self.publish("one")
        self.publish("two")
        self.assertEqual(self.files("one"), self.files("two"))
        # Without SOURCE_DATE_EPOCH the feeds are stamped with their events' last change.
        env = {k: v for k, v in self.env.items() if k != "SOURCE_DATE_EPOCH"}
        self.publish("three", env=env)
        self.publish("four", env=env)
        self.assertEqual(self.files("three"), self.files("four"))

    def test_a_change_rewrites_only_the_files_that_show_it(self):
        self.publish()
        before = {name: os.stat(self.path("site", name)) for name in self.files()}
        self.ok("update-event", "cloture", "--title", "Clôture et suites")
        result = self.publish()
        after = {name: os.stat(self.path("site", name)) for name in self.files()}
        rewritten = {name for name in after
                     if (after[name].st_ino, after[name].st_mtime_ns) !=
                     (before[name].st_ino, before[name].st_mtime_ns)}
        expected = {f"cloture.{lang}.html" for lang in LOCALES}
        expected |= {f"index.{lang}.html" for lang in LOCALES}  # they list its title
        expected |= {"cloture.ics", f"{PARENT}.programme.ics", f"{PARENT}.schedule.xml",
                     f"{PARENT}.schedule.json"}
        self.assertEqual(rewritten, expected)
        self.assertIn(f"{len(expected)} files written, {len(after) - len(expected)} unchanged",
                      result.stderr)
        self.assertIn("Clôture et suites", self.files()["index.en.html"].decode())

    def test_a_deleted_session_leaves_and_other_files_stay(self):
        self.publish()
        self.write("site/README", "not convene's")
        self.ok("delete-event", "cloture", "--yes")
        result = self.publish()
        names = set(self.files())
        self.assertFalse({n for n in names if n.startswith("cloture.")})
        self.assertIn("accueil.fr.html", names)
        self.assertIn("README", names)
        self.assertIn("4 removed", result.stderr)  # three pages and the feed

    def test_nothing_private_is_published(self):
        self.publish()
        for name, content in self.files().items():
            for secret in [JOIN_URL, "meet.example.org", *EMAILS]:
                self.assertNotIn(secret.encode(), content, name)
        self.assertIn("<dt>En ligne</dt>\n<dd>lien envoyé aux personnes inscrites</dd>",
                      self.files()["imrf-briefing.fr.html"].decode())

    def test_every_feed_parses_and_the_programme_holds_every_event(self):
        try:
            import icalendar  # Debian: python3-icalendar
        except ImportError:
            self.skipTest("python3-icalendar is not installed")
        self.publish()
        for name, content in self.files().items():
            if name.endswith(".ics"):
                icalendar.Calendar.from_ical(content)
        programme = icalendar.Calendar.from_ical(self.files()[f"{PARENT}.programme.ics"])
        summaries = [str(e["SUMMARY"]) for e in programme.walk("VEVENT")]
        self.assertEqual(len(summaries), 5)  # four events and the timed agenda item
        self.assertTrue(any(s.endswith("— La route vers l'IMRF") for s in summaries), summaries)
        self.assertEqual(str(programme["X-WR-CALNAME"]), "Migrations et déplacements en "
                         "contexte de crise : Que font les GLR pour sauver et protéger des vies ?")
        briefing = icalendar.Calendar.from_ical(self.files()["imrf-briefing.ics"])
        self.assertEqual(str(briefing["X-WR-CALNAME"]),
                         "Séance d'information sur la route vers l'IMRF")

    def test_several_events_get_an_index_that_lists_them(self):
        self.ok("create-event", "--slug", "autre", "--title", "Autre rencontre", "--start",
                "2022-05-02T10:00", "--end", "11:00", "--tz", "Europe/Paris", "--locale", "fr")
        result = self.run_convene("publish", "--all", self.path("all"))
        self.assertEqual(result.code, 0, result.stderr)
        names = set(self.files("all"))
        self.assertIn(f"{PARENT}.fr.html", names)
        self.assertIn("index.programme.ics", names)
        index = self.files("all")["index.fr.html"].decode()
        self.assertIn("2 événements", index)
        self.assertIn(f'href="{PARENT}.fr.html"', index)
        self.assertIn('href="autre.fr.html"', index)

    def test_usage_errors(self):
        self.fails(2, "publish", self.path("site"))
        self.fails(2, "publish", PARENT, self.path("site"), "--base-url", "not a url")
        self.fails(3, "publish", "no-such-event", self.path("site"))
        self.fails(2, "publish", PARENT, self.path("missing", "deeper"))
        self.assertFalse(os.path.exists(self.path("site")))


@sqlite_only("renders the pages in a browser: the store does not change them")
class SiteInBrowser(SiteFixture):
    """Every published page checked as a real site would be."""

    def pages(self):
        self.publish()
        return sorted(name for name in self.files() if name.endswith(".html"))

    def test_html5lib_and_tidy_find_no_error(self):
        import html5lib  # Debian: python3-html5lib
        for name in self.pages():
            with open(self.path("site", name), "rb") as f:
                html5lib.HTMLParser(strict=True).parse(f)
            result = subprocess.run(["tidy", "-errors", "-quiet", self.path("site", name)],
                                    capture_output=True, text=True, timeout=60)
            self.assertLess(result.returncode, 2, f"{name}: {result.stderr}")

    @unittest.skipUnless(chromium(), "chromium is not installed")
    def test_axe_finds_no_wcag_violation_in_chromium(self):
        self.assertTrue(os.path.exists(AXE), "axe-core is missing: run scripts/setup --tests")
        with open(AXE, encoding="utf-8") as f:
            axe = f.read()
        audit = ("<script>" + axe + "</script><script>axe.run(document, {runOnly: {type: 'tag', "
                 "values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(function (r) {"
                 "var out = document.createElement('pre'); out.id = 'axe-result';"
                 "out.textContent = JSON.stringify({passes: r.passes.length, violations: "
                 "r.violations.map(function (v) { return {id: v.id, help: v.help, nodes: "
                 "v.nodes.map(function (n) { return n.html; })}; })});"
                 "document.body.appendChild(out); });</script>")
        audited = self.path("audited")
        os.mkdir(audited)
        pages = self.pages()
        for name in pages:  # the published page with the audit added, served beside the site
            with open(self.path("site", name), encoding="utf-8") as f:
                page = f.read()
            self.write(os.path.join("audited", name), page.replace("</body>", audit + "</body>"))
        # A page without its language, which the audit must catch (rule html-has-lang): proof
        # that a page with a violation would fail this test.
        self.write(os.path.join("audited", "broken.html"),
                   page.replace('<html lang="', '<html data-lang="')
                   .replace("</body>", audit + "</body>"))
        with local_server(audited) as port, \
                tempfile.TemporaryDirectory(prefix="convene-chromium-") as profile:
            flags = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-proxy-server",
                     "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                     f"--user-data-dir={profile}", "--virtual-time-budget=20000", "--dump-dom"]
            def audit_of(name):
                dom = run_bounded(flags + [f"http://127.0.0.1:{port}/{name}"], cwd=self.dir)
                start = dom.find('<pre id="axe-result">')
                self.assertGreaterEqual(start, 0, f"{name}: axe-core gave no result")
                return json.loads(html.unescape(
                    dom[start + len('<pre id="axe-result">'):dom.index("</pre>", start)]))

            self.assertIn("html-has-lang",
                          [v["id"] for v in audit_of("broken.html")["violations"]])
            for name in pages:
                result = audit_of(name)
                self.assertEqual(result["violations"], [], name)
                self.assertGreater(result["passes"], 10, name)


if __name__ == "__main__":
    unittest.main()
