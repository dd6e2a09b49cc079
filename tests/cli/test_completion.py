"""Shell completion: `convene completion bash|zsh|fish` loaded in the real shells (bash with
bash-completion, zsh with compinit, fish), asked what `convene reg<TAB>`, `--em<TAB>`,
`--format <TAB>`, an event slug and a time zone complete to; and the hidden `__complete`."""
import os
import shlex
import shutil
import subprocess
import unittest

from harness import BIN, ConveneTestCase

BASH_COMPLETION = "/usr/share/bash-completion/bash_completion"

# (words after "convene", the last being the one completed) → names that must be offered
CASES = [
    (["reg"], {"register"}),
    (["register", "imrf-briefing", "--em"], {"--email"}),
    (["list", "events", "--format", ""], {"table", "tsv", "csv", "json", "jsonl"}),
    (["show", "imrf-briefing", "--format", ""], {"text", "markdown", "html", "json"}),
    (["show", "imrf"], {"imrf-briefing"}),
    (["create-event", "--tz", "Europe/Par"], {"Europe/Paris"}),
    (["list", "att"], {"attendees"}),
]


class Completion(ConveneTestCase):
    def setUp(self):
        super().setUp()
        self.ok("create-event", "--title", "Briefing", "--slug", "imrf-briefing",
                "--start", "2022-04-13T15:00", "--end", "16:00", "--tz", "Europe/Paris")
        self.ok("create-event", "--title", "Other", "--slug", "other-event",
                "--date", "2022-04-14", "--tz", "Europe/Paris")
        self.env["PATH"] = os.path.dirname(BIN) + os.pathsep + self.env.get("PATH", "/usr/bin")

    def shell(self, argv, script):
        proc = subprocess.run(argv + [script], capture_output=True, text=True, env=self.env,
                              cwd=self.dir, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc.stdout

    def check(self, offered, words, expected):
        self.assertTrue(expected <= offered,
                        f"convene {' '.join(words)}<TAB> offered {sorted(offered)[:20]}")

    def test_hidden_complete_command(self):
        self.assertIn("register", self.ok("__complete", "reg").split())
        self.assertEqual(self.ok("__complete", "register", "x", "--em").split(), ["--email"])
        self.assertEqual(self.ok("__complete", "show", "").split(),
                         ["imrf-briefing", "other-event"])
        self.assertEqual(self.ok("__complete", "create-event", "--status", "").split(),
                         ["tentative", "confirmed"])
        self.assertEqual(self.ok("__complete", "add-agenda-item", "x", "--kind", "").split(),
                         ["talk", "discussion", "break", "other"])
        self.assertEqual(self.ok("__complete", "completion", "").split(), ["bash", "zsh", "fish"])
        self.assertEqual(self.ok("__complete", "publish", "imrf-briefing", "o").split(),
                         ["other-event"])
        # Every format each command accepts, as its --help lists them.
        for words, formats in ((["show", "x"], ["text", "markdown", "html", "json"]),
                               (["export-schedule", "x"], ["frab-xml", "frab-json"]),
                               (["list", "events"], ["table", "tsv", "csv", "json", "jsonl"])):
            self.assertEqual(self.ok("__complete", *words, "--format", "").split(), formats)
        self.assertEqual(self.ok("__complete", "help", "list", "at").split(), ["attendees"])
        self.assertNotIn("__complete", self.ok("__complete", "").split())
        self.assertNotIn("__complete", self.ok("--help"))
        # A file name is expected: nothing offered, the shell completes files.
        self.assertEqual(self.ok("__complete", "register", "x", "--csv", ""), "")

    def test_complete_reads_the_database_given_and_creates_none(self):
        os.mkdir(self.path("empty"))
        self.assertEqual(self.ok("__complete", "show", "", cwd=self.path("empty")), "")
        self.assertFalse(os.path.exists(self.path("empty", "convene.db")))
        self.assertEqual(
            self.ok("__complete", "--db", self.path("convene.db"), "show", "", cwd=self.path("empty")).split(),
            ["imrf-briefing", "other-event"])

    def test_unknown_shell(self):
        self.fails(2, "completion", "tcsh")

    @unittest.skipUnless(shutil.which("bash") and os.path.exists(BASH_COMPLETION),
                         "bash-completion is not installed")
    def test_bash(self):
        script = self.write("convene.bash", self.ok("completion", "bash"))
        for words, expected in CASES:
            line = "convene " + " ".join(words)
            driver = (f"source {BASH_COMPLETION}\nsource {shlex.quote(script)}\n"
                      f"COMP_WORDS=(convene {' '.join(shlex.quote(w) for w in words)})\n"
                      f"COMP_CWORD={len(words)}\nCOMP_LINE={shlex.quote(line)}\n"
                      "COMP_POINT=${#COMP_LINE}\n_convene\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
            with self.subTest(words=words):
                offered = set(self.shell(["bash", "--norc", "--noprofile", "-c"], driver).split("\n"))
                self.check(offered, words, expected)

    @unittest.skipUnless(shutil.which("zsh"), "zsh is not installed")
    def test_zsh_sourced_and_from_fpath(self):
        script = self.ok("completion", "zsh")
        self.write("convene.zsh", script)
        os.mkdir(self.path("fpath"))
        self.write(os.path.join("fpath", "_convene"), script)
        # Outside a completion widget compadd and _files cannot run; stand-ins print what the
        # script hands them, so the script's own logic runs in the real shell.
        stand_ins = ("compadd() { while [[ $1 == -* && $1 != -- ]]; do shift; done; "
                     "[[ $1 == -- ]] && shift; print -rl -- \"$@\" }\n"
                     "_files() { print -r -- '<files>' }\n")
        loaders = {
            "sourced": f"autoload -U compinit && compinit -u -D\nsource {shlex.quote(self.path('convene.zsh'))}\n",
            "fpath": f"fpath=({shlex.quote(self.path('fpath'))} $fpath)\nautoload -U compinit && compinit -u -D\n",
        }
        for how, loader in loaders.items():
            for words, expected in CASES:
                driver = (loader + "[[ $_comps[convene] == _convene ]] || { print not registered; exit 1 }\n"
                          + stand_ins
                          + f"words=(convene {' '.join(shlex.quote(w) for w in words)})\n"
                          + f"CURRENT={len(words) + 1}\n_convene\n")
                with self.subTest(how=how, words=words):
                    offered = set(self.shell(["zsh", "-f", "-c"], driver).split("\n"))
                    self.check(offered, words, expected)

    @unittest.skipUnless(shutil.which("fish"), "fish is not installed")
    def test_fish(self):
        script = self.write("convene.fish", self.ok("completion", "fish"))
        for words, expected in CASES:
            line = "convene " + " ".join(words)
            driver = f"source {shlex.quote(script)}; complete -C {shlex.quote(line)}"
            with self.subTest(words=words):
                out = self.shell(["fish", "--no-config", "-c"], driver)
                offered = {entry.split("\t")[0] for entry in out.split("\n")}
                self.check(offered, words, expected)


if __name__ == "__main__":
    unittest.main()
