"""The message catalogs po/*.po hold every message the sources ask for, each translated, and
msgfmt accepts them (issue 10). A message added to the code but not to a catalog fails here."""
import glob
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from harness import SOURCE_DIR

# The functions whose string-literal argument is a catalog message (argument position).
KEYWORDS = ["tr", "plural", "fill:2", "label:2", "fact:3", "add:1", "field:1", "msg"]


def tool(name):
    return shutil.which(name)


@unittest.skipUnless(tool("xgettext") and tool("msgmerge") and tool("msgfmt"),
                     "GNU gettext (xgettext, msgmerge, msgfmt) is not installed")
class Catalogs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="convene-po-")
        cls.pot = os.path.join(cls.tmp.name, "convene.pot")
        # Only the writers of what people read (pages, calendars, letters) and l10n speak the
        # event's language; commands, readers and errors stay English, and their add("…")
        # or field("…") are no catalog messages.
        sources = sorted(glob.glob(os.path.join(SOURCE_DIR, "src", "export", "*.cpp")) +
                         glob.glob(os.path.join(SOURCE_DIR, "src", "l10n", "*.cpp")))
        subprocess.run(["xgettext", "--language=C++", "--from-code=UTF-8", "--no-wrap",
                        *["--keyword=" + k for k in KEYWORDS], "-o", cls.pot, *sources],
                       check=True, capture_output=True)
        cls.catalogs = sorted(glob.glob(os.path.join(SOURCE_DIR, "po", "*.po")))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_the_sources_have_messages(self):
        with open(self.pot, encoding="utf-8") as f:
            messages = re.findall(r'^msgid "(.+)"$', f.read(), re.M)
        self.assertIn("When:", messages)
        self.assertGreater(len(messages), 20)

    def test_french_and_spanish_exist(self):
        names = [os.path.basename(p) for p in self.catalogs]
        self.assertIn("fr.po", names)
        self.assertIn("es.po", names)

    def test_every_catalog_is_complete(self):
        for catalog in self.catalogs:
            with self.subTest(catalog=os.path.basename(catalog)):
                merged = os.path.join(self.tmp.name, os.path.basename(catalog))
                subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged,
                                catalog, self.pot], check=True, capture_output=True)
                result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull,
                                         merged], capture_output=True, text=True)
                self.assertEqual(result.returncode, 0, result.stderr)
                # "31 translated messages." and nothing fuzzy or untranslated.
                self.assertRegex(result.stderr, r"^\d+ translated messages?\.\s*$",
                                 f"{catalog} misses translations: {result.stderr}")

    def test_no_message_is_left_over(self):
        # A message the code no longer uses would be obsolete after merging ("#~").
        for catalog in self.catalogs:
            with self.subTest(catalog=os.path.basename(catalog)):
                merged = os.path.join(self.tmp.name, "left-" + os.path.basename(catalog))
                subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged,
                                catalog, self.pot], check=True, capture_output=True)
                with open(merged, encoding="utf-8") as f:
                    self.assertNotIn("#~ msgid", f.read())


if __name__ == "__main__":
    unittest.main()
