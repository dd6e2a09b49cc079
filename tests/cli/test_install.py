"""`cmake --install BUILD --prefix P` puts the binary, the man pages (sections 1 and 5) and the
shell completions where the tools look for them."""
import glob
import os
import shutil
import subprocess
import unittest

from harness import SOURCE_DIR, ConveneTestCase

BUILD_DIR = os.environ.get("CONVENE_BUILD_DIR", "")


class Install(ConveneTestCase):
    def setUp(self):
        super().setUp()
        if not BUILD_DIR or not shutil.which("cmake"):
            self.skipTest("CONVENE_BUILD_DIR or cmake missing (run through ctest)")

    def test_install_into_a_prefix(self):
        prefix = self.path("prefix")
        proc = subprocess.run(["cmake", "--install", BUILD_DIR, "--prefix", prefix],
                              capture_output=True, text=True, timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        installed = os.path.join(prefix, "bin", "convene")
        version = subprocess.run([installed, "--version"], capture_output=True, text=True,
                                 env=self.env, cwd=self.dir, timeout=60)
        self.assertEqual(version.returncode, 0, version.stderr)
        self.assertTrue(version.stdout.startswith("convene "), version.stdout)

        for page in glob.glob(os.path.join(SOURCE_DIR, "man", "*.[15]")):
            name = os.path.basename(page)
            with self.subTest(page=name):
                self.assertTrue(os.path.exists(os.path.join(prefix, "share", "man",
                                                            "man" + name[-1], name)))
        if shutil.which("man"):
            for name in ("convene-register", "convene-event-file", "convene"):
                with self.subTest(man=name):
                    found = subprocess.run(["man", "-M", os.path.join(prefix, "share", "man"),
                                            "-w", name], capture_output=True, text=True,
                                           env=self.env, timeout=60)
                    self.assertEqual(found.returncode, 0, found.stderr)
                    self.assertTrue(found.stdout.strip().startswith(prefix), found.stdout)

        scripts = {
            "bash": ("share", "bash-completion", "completions", "convene"),
            "zsh": ("share", "zsh", "site-functions", "_convene"),
            "fish": ("share", "fish", "vendor_completions.d", "convene.fish"),
        }
        for shell, parts in scripts.items():
            with self.subTest(shell=shell):
                with open(os.path.join(prefix, *parts), encoding="utf-8") as f:
                    self.assertEqual(f.read(), self.ok("completion", shell))

    @unittest.skipUnless(shutil.which("man"), "man (man-db) is not installed")
    def test_man_finds_pages_in_the_prefix_only_when_installed(self):
        empty = self.path("empty")
        os.makedirs(os.path.join(empty, "share", "man", "man1"))
        found = subprocess.run(["man", "-M", os.path.join(empty, "share", "man"), "-w",
                                "convene-register"], capture_output=True, text=True,
                               env=self.env, timeout=60)
        self.assertNotEqual(found.returncode, 0)


if __name__ == "__main__":
    unittest.main()
