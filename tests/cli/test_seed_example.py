"""The seed announcement, built twice from examples/: with the shell script and with the TOML
event files. Both must give the same event page, and the page must say everything the seed says."""
import json
import os
import subprocess
import unittest

from harness import BIN, POSTGRESQL, SOURCE_DIR, ConveneTestCase

EXAMPLES = os.path.join(SOURCE_DIR, "examples")
SLUG = "imrf-briefing-2022"

AGENDA_TITLES = [
    "Détails techniques",
    "La route vers le Forum d'examen des migrations internationales (IMRF)",
    "Discussion, questions et réponses",
    "Conclusions",
]
SPEAKERS = [
    ("Monami Maulik", "Stakeholder Liaison Officer", "Réseau des Nations Unies sur la migration"),
    ("Sophie van Haasen", "Coordinatrice", "GFMD Mayors Mechanism"),
]
GUIDING_QUESTIONS = [
    "Comment votre gouvernement local ou régional agit-il sur la gouvernance de la migration ?",
    "Avez-vous été invité par votre gouvernement national à contribuer aux discussions sur la "
    "mise en œuvre nationale et l'examen du GCM et/ou du GCR ?",
    "Êtes-vous intéressé à faire entendre votre voix sur la migration et le déplacement au niveau "
    "international ?",
    "Vous souhaitez vous impliquer dans l'Appel à l'Action Locale pour les Migrants et les "
    "Réfugiés ?",
]

FRENCH_WHEN = "13 avril 2022, 15 h 00 – 16 h 00 (heure d’été d’Europe centrale)"

# Fields that differ between two databases built the same way.
VOLATILE = {"id", "uid", "created_at", "updated_at"}


def stable(page):
    """The page without ids, UIDs and timestamps (also those of the parent)."""
    page = {k: v for k, v in page.items() if k not in VOLATILE}
    if page.get("parent"):
        page["parent"] = {k: v for k, v in page["parent"].items() if k not in VOLATILE}
    return page


def store_env(store):
    return {"CONVENE_DB": store} if store else None


class SeedExampleTest(ConveneTestCase):
    def build_with_script(self, store=None):
        """Runs the script in a folder of its own, where it makes convene.db; with `store`,
        against that store instead."""
        folder = self.path("script")
        os.mkdir(folder)
        env = dict(self.env, CONVENE=BIN, **(store_env(store) or {}))
        proc = subprocess.run(["bash", os.path.join(EXAMPLES, "seed-briefing.sh"), folder],
                              capture_output=True, env=env, cwd=self.dir, timeout=300)
        stderr = proc.stderr.decode()
        self.assertEqual(proc.returncode, 0, stderr)
        self.assertEqual(stderr, "")
        return folder, proc.stdout.decode()

    def build_with_toml(self, store=None):
        folder = self.path("toml")
        os.mkdir(folder)
        env = store_env(store)
        for name in ("seed-peer-learning.toml", "seed-briefing.toml"):
            out = self.ok("create-event", "--from", os.path.join(EXAMPLES, name), cwd=folder,
                          env=env)
            self.assertRegex(out, r"^[a-z0-9-]+\n$")
        return folder

    def test_script_and_event_file_give_the_same_page(self):
        # Two stores: each folder's convene.db, or with PostgreSQL two databases.
        script_store = self.other_store() if POSTGRESQL else None
        toml_store = self.other_store() if POSTGRESQL else None
        script_dir, printed = self.build_with_script(script_store)
        toml_dir = self.build_with_toml(toml_store)
        from_script = self.ok("show", SLUG, "--format", "json", cwd=script_dir,
                              env=store_env(script_store))
        from_toml = self.ok("show", SLUG, "--format", "json", cwd=toml_dir,
                            env=store_env(toml_store))
        self.assertEqual(stable(json.loads(from_script)), stable(json.loads(from_toml)))
        # The script ends by printing the page.
        self.assertEqual(printed, self.ok("show", SLUG, cwd=script_dir,
                                          env=store_env(script_store)))

    def test_the_page_says_what_the_seed_says(self):
        folder = self.build_with_toml()
        page = json.loads(self.ok("show", SLUG, "--format", "json", cwd=folder))
        self.assertEqual(page["times"][0]["text"], FRENCH_WHEN)
        self.assertEqual(page["locale"], "fr")
        self.assertEqual(page["languages"], ["en", "fr", "es"])
        self.assertEqual(page["organisers"][0], "Mayors Mechanism")
        self.assertIn("Mayors Migration Council (MMC)", page["organisers"])
        self.assertTrue(page["registration_url"].startswith("https://example.org/"))
        self.assertEqual(page["parent"]["start_date"], "2022-04-11")
        self.assertEqual(page["parent"]["end_date"], "2022-04-13")
        self.assertTrue(page["description"].startswith("## Contexte\n\nEn 2018, "))
        self.assertEqual([i["title"] for i in page["agenda"]], AGENDA_TITLES)
        self.assertEqual([(s["name"], s["role"], s["organisation"])
                          for s in page["agenda"][1]["speakers"]], SPEAKERS)
        self.assertEqual(page["agenda"][2]["description"], "Questions directrices :")
        self.assertEqual(page["agenda"][2]["points"], [f"*{q}*" for q in GUIDING_QUESTIONS])

        markdown = self.ok("show", SLUG, "--format", "markdown", cwd=folder)
        for text in AGENDA_TITLES + GUIDING_QUESTIONS + ["Questions directrices :"]:
            self.assertIn(text, markdown)
        for name, role, organisation in SPEAKERS:
            self.assertIn(f"- {name}, {role}, {organisation}\n", markdown)
        text = self.ok("show", SLUG, cwd=folder)
        self.assertIn(FRENCH_WHEN, text)
        self.assertIn("Dans le cadre de\u00a0:", text)

    def test_markdown_is_commonmark_with_the_agenda_as_a_numbered_list(self):
        try:
            from markdown_it import MarkdownIt  # Debian: python3-markdown-it
        except ImportError:
            self.skipTest("python3-markdown-it is not installed")
        folder = self.build_with_toml()
        markdown = self.ok("show", SLUG, "--format", "markdown", cwd=folder)
        tokens = MarkdownIt("commonmark").parse(markdown)
        headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
        self.assertEqual(headings[0], "Séance d'information sur la route vers le Forum d'examen "
                                      "des migrations internationales (IMRF)")
        self.assertEqual(headings[1:], ["Contexte", "Objectifs", "Programme"])

        # The agenda: one ordered list of four items; speakers and questions as bullet lists
        # nested inside items 2 and 3, the questions after the "Questions directrices :" line.
        agenda = [t for t in tokens if t.type == "ordered_list_open"]
        self.assertEqual(len(agenda), 1)
        contents = []  # per item: the inline texts inside it, its title first
        for t in tokens[tokens.index(agenda[0]):]:
            if t.type == "list_item_open" and t.level == 1:
                contents.append([])
            elif t.type == "inline":
                contents[-1].append(t.content)
            elif t.type == "ordered_list_close" and t.level == 0:
                break
        items = [texts[0] for texts in contents]
        nested = {n: texts[1:] for n, texts in enumerate(contents, 1)}
        self.assertEqual(items, [f"**{title}**" for title in AGENDA_TITLES])
        self.assertEqual(nested[2], [", ".join(s) for s in SPEAKERS])
        self.assertEqual(nested[3],
                         ["Questions directrices :"] + [f"*{q}*" for q in GUIDING_QUESTIONS])
        self.assertEqual(nested[1], [])
        self.assertEqual(nested[4], [])

        # Rendered, nothing is lost to markup: the whole description reads as text.
        html = MarkdownIt("commonmark").render(markdown)
        self.assertIn("<p>Il y aura une <strong>interprétation</strong> en anglais, français et "
                      "espagnol.</p>", html)
        self.assertIn('<a href="https://example.org/gcr">Pacte mondial sur les réfugiés</a>', html)
        self.assertIn('<a href="https://example.org/imrf-briefing-2022/register">', html)


if __name__ == "__main__":
    unittest.main()
