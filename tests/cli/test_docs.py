"""The man pages and --help stay true: every command has a page, every page is clean troff."""
import glob
import os
import re
import shutil
import subprocess
import unittest

from harness import SOURCE_DIR, ConveneTestCase

MAN_DIR = os.path.join(SOURCE_DIR, "man")


def subcommands(help_text):
    """Names listed under "Subcommands:" in CLI11's help output."""
    section = help_text.split("Subcommands:", 1)[1] if "Subcommands:" in help_text else ""
    return [m.group(1) for m in re.finditer(r"^\s{2}(\S+)\s", section, re.M)]


class Docs(ConveneTestCase):
    def test_every_command_has_a_man_page_and_a_help_line(self):
        commands = subcommands(self.ok("--help"))
        self.assertIn("create-event", commands)
        for command in commands:
            if command == "list":
                for kind in subcommands(self.ok("list", "--help")):
                    with self.subTest(command=f"list {kind}"):
                        self.assertTrue(os.path.exists(os.path.join(MAN_DIR, f"convene-list-{kind}.1")))
                        self.ok("list", kind, "--help")
                continue
            with self.subTest(command=command):
                self.assertTrue(os.path.exists(os.path.join(MAN_DIR, f"convene-{command}.1")),
                                f"man/convene-{command}.1 is missing")
                self.assertIn("Usage:", self.ok(command, "--help"))

    def test_every_man_page_names_a_real_command(self):
        commands = set(subcommands(self.ok("--help")))
        commands |= {f"list-{kind}" for kind in subcommands(self.ok("list", "--help"))}
        for page in glob.glob(os.path.join(MAN_DIR, "convene-*.1")):
            name = os.path.basename(page)[len("convene-"):-2]
            with self.subTest(page=name):
                self.assertIn(name, commands)

    def test_the_main_page_refers_to_every_page(self):
        with open(os.path.join(MAN_DIR, "convene.1"), encoding="utf-8") as f:
            main_page = f.read()
        for page in glob.glob(os.path.join(MAN_DIR, "convene-*.[15]")):
            name, section = os.path.basename(page)[:-2], os.path.basename(page)[-1]
            with self.subTest(page=name):
                self.assertIn(f".BR {name} ({section})", main_page)

    @unittest.skipUnless(shutil.which("groff"), "groff is not installed")
    def test_man_pages_are_clean_troff(self):
        for page in glob.glob(os.path.join(MAN_DIR, "*.[15]")):
            with self.subTest(page=os.path.basename(page)):
                result = subprocess.run(["groff", "-man", "-ww", "-z", page],
                                        capture_output=True, text=True)
                self.assertEqual(result.returncode, 0)
                self.assertEqual(result.stderr, "")


if __name__ == "__main__":
    unittest.main()
