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


# Commands that only group others: `list events`, `db init`; each of those has its page.
GROUPS = ("list", "db")


class Docs(ConveneTestCase):
    def test_the_short_help_lists_the_commands_the_parser_builds(self):
        # `convene --help` alone lists the commands from their table without building them;
        # with one more word (-q) CLI11 builds every command and lists them itself.
        full = self.ok("--quiet", "--help")
        self.assertIn("Subcommands:\n  init ", full)
        for words in (["--help"], ["-h"], ["help"], []):
            self.assertEqual(self.ok(*words), full, words)

    def test_every_command_has_a_man_page_and_a_help_line(self):
        commands = subcommands(self.ok("--help"))
        self.assertIn("create-event", commands)
        for command in commands:
            if command == "help":
                continue  # `convene help [COMMAND]` is --help; convene(1) describes it
            if command in GROUPS:
                for kind in subcommands(self.ok(command, "--help")):
                    with self.subTest(command=f"{command} {kind}"):
                        self.assertTrue(os.path.exists(
                            os.path.join(MAN_DIR, f"convene-{command}-{kind}.1")))
                        self.ok(command, kind, "--help")
                continue
            with self.subTest(command=command):
                self.assertTrue(os.path.exists(os.path.join(MAN_DIR, f"convene-{command}.1")),
                                f"man/convene-{command}.1 is missing")
                self.assertIn("Usage:", self.ok(command, "--help"))

    def test_help_names_arguments_in_convenes_words(self):
        """Positionals show as their names: not CLI11's "EVENT TEXT REQUIRED" or "(1x)"."""
        commands = [[c] for c in subcommands(self.ok("--help")) if c not in GROUPS]
        for group in GROUPS:
            commands += [[group, kind] for kind in subcommands(self.ok(group, "--help"))]
        for words in commands:
            with self.subTest(command=" ".join(words)):
                text = self.ok(*words, "--help")
                self.assertNotRegex(text.splitlines()[1], r"\(\d+x\)")  # the usage line
                positionals = text.partition("Positionals:")[2].partition("\n\n")[0]
                self.assertNotRegex(positionals, r"\b(TEXT|INT|REQUIRED)\b")
        self.assertIn("Usage: convene forget [OPTIONS] EVENT EMAIL\n", self.ok("forget", "--help"))
        self.assertIn("Usage: convene export-ics [OPTIONS] [EVENT...]\n",
                      self.ok("export-ics", "--help"))

    def test_every_man_page_names_a_real_command(self):
        commands = set(subcommands(self.ok("--help")))
        for group in GROUPS:
            commands |= {f"{group}-{kind}" for kind in subcommands(self.ok(group, "--help"))}
        commands.add("completion")
        for page in glob.glob(os.path.join(MAN_DIR, "convene-*.1")):
            name = os.path.basename(page)[len("convene-"):-2]
            with self.subTest(page=name):
                self.assertIn(name, commands)

    def test_the_main_page_lists_every_format(self):
        """convene(1)'s --format names what each command accepts, as --help and completion do."""
        with open(os.path.join(MAN_DIR, "convene.1"), encoding="utf-8") as f:
            text = f.read()
        entry = text.split(".BI \\-\\-format", 1)[1].split(".TP", 1)[0]
        words = re.findall(r"[a-z][a-z-]*", entry.replace("\\-", "-"))
        for command, formats in (("show", ["text", "markdown", "html", "json"]),
                                 ("export-schedule", ["frab-xml", "frab-json"])):
            with self.subTest(command=command):
                after = words[words.index(command) + 1:]
                self.assertEqual(after[:len(formats)], formats)
                self.assertIn(", ".join(formats), self.ok("--help"))

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

    @unittest.skipUnless(shutil.which("mandoc"), "mandoc is not installed")
    def test_man_pages_lint_clean_with_mandoc(self):
        for page in glob.glob(os.path.join(MAN_DIR, "*.[15]")):
            with self.subTest(page=os.path.basename(page)):
                result = subprocess.run(["mandoc", "-T", "lint", "-W", "warning", page],
                                        capture_output=True, text=True)
                self.assertEqual((result.returncode, result.stdout + result.stderr), (0, ""))

    def test_help_and_man_page_list_the_same_options(self):
        """Every option and alias --help lists is in the page; every option the page's SYNOPSIS
        and OPTIONS give is one --help lists (global options count for every command)."""
        global_options = help_options(self.ok("--help"))
        pages = {(): "convene.1"}
        for command in subcommands(self.ok("--help")):
            if command == "help":
                continue
            if command in GROUPS:
                for kind in subcommands(self.ok(command, "--help")):
                    pages[(command, kind)] = f"convene-{command}-{kind}.1"
                continue
            pages[(command,)] = f"convene-{command}.1"
        for words, page in pages.items():
            with self.subTest(page=page):
                with open(os.path.join(MAN_DIR, page), encoding="utf-8") as f:
                    source = f.read()
                in_help = help_options(self.ok(*words, "--help")) - {"-h", "--help"}
                self.assertEqual(sorted(in_help - page_options(source)), [],
                                 f"listed by 'convene {' '.join(words)} --help' but not in {page}")
                in_page = page_options(source, synopsis_and_options=True)
                self.assertEqual(sorted(in_page - in_help - global_options), [],
                                 f"in {page} but not in 'convene {' '.join(words)} --help'")


def help_options(help_text):
    """Every option name and alias in CLI11's help: "  -o,--output TEXT  Write…"."""
    names = set()
    for match in re.finditer(r"^\s{2}(-[^\s]+)", help_text, re.M):
        names |= {name for name in match.group(1).split(",") if name.startswith("-")}
    return names


def page_options(source, synopsis_and_options=False):
    """Option names a man page spells (\\-\\-name): anywhere, or only where it defines them,
    in the SYNOPSIS and in the headings (.TP) of its OPTIONS sections (the prose may name
    another command's options)."""
    if synopsis_and_options:
        kept = []
        for part in re.split(r"^\.SH ", source, flags=re.M):
            title, _, body = part.partition("\n")
            if title.strip('"') == "SYNOPSIS":
                kept.append(body)
            elif title.strip('"').endswith("OPTIONS"):
                kept += re.findall(r"^\.TP\n(.*)$", body, re.M)
        source = "\n".join(kept)
    text = re.sub(r"\\f[BIRP]", "", source).replace("\\-", "-")
    return set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*[a-z0-9]|-[a-zA-Z](?![\w-]))", text))


if __name__ == "__main__":
    unittest.main()
