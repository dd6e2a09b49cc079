"""Start-up does not load the time zone database unless the command uses a zone, nor libcurl
unless it sends mail over SMTP.

Loading the zone database means a stat of every file under /usr/share/zoneinfo (some 600 on
Debian), on every start of a process that an organiser's script may run once per form
submission. Linking libcurl meant some thirty more shared libraries (TLS, Kerberos, LDAP, SSH)
mapped and relocated by every run, for one command. The file system calls are counted with
strace (not timed); a command that does use a zone shows that the count would see the load.
"""
import os
import shutil
import unittest

from harness import BIN, ConveneTestCase

SANITIZER_RUNTIMES = ("libasan", "libubsan", "liblsan", "libtsan")


@unittest.skipIf(shutil.which("strace") is None, "strace is not installed")
class StartupTest(ConveneTestCase):
    def zoneinfo_lookups(self, *args):
        return sum("zoneinfo" in line for line in self.file_calls(*args))

    def test_commands_without_a_zone_do_not_load_the_zone_database(self):
        self.ok("create-event", "--title", "Day", "--slug", "day", "--date", "2024-01-01")
        # --help asks nothing about zones: 0, measured and allowed.
        self.assertEqual(self.zoneinfo_lookups("--help"), 0)
        # The others name the system's zone (for notes and defaults) without loading it: 2
        # measured on Debian 12, the readlink of /etc/localtime and a stat of the file it
        # names; one more allowed for a system whose /etc/localtime is a copy, not a link. The
        # database would be some 600.
        for args in (["list", "events"],
                     ["register", "day", "--name", "Ana", "--email", "ana@example.org"],
                     ["list", "attendees", "day"]):
            self.assertLessEqual(self.zoneinfo_lookups(*args), 3, args)

    def test_commands_that_send_no_mail_load_no_network_library(self):
        self.ok("create-event", "--title", "Day", "--slug", "day", "--date", "2024-01-01")
        for args in (["--help"], ["list", "events"],
                     ["register", "day", "--name", "Ana", "--email", "ana@example.org"]):
            libraries = {os.path.basename(line.split('"')[1]) for line in self.file_calls(*args)
                         if line.split("(")[0].endswith("openat") and ".so" in line
                         and "ENOENT" not in line}
            for network in ("libcurl", "libssl", "libgnutls", "libkrb5", "libldap", "libssh"):
                self.assertFalse([name for name in libraries if name.startswith(network)],
                                 f"{args}: {sorted(libraries)}")
            # Shared libraries, not the loader's cache nor a sanitized build's runtimes: 6
            # measured on Debian 12 (libc, libm, libstdc++, libgcc_s, libfmt, libdate-tz; ICU,
            # libical and SQLite are linked in). One more is allowed, for a toolchain that
            # splits its runtime otherwise; a new dependency with a tree of its own fails.
            shared = sorted(name for name in libraries if name.startswith("lib")
                            and not name.startswith(SANITIZER_RUNTIMES))
            self.assertLessEqual(len(shared), 7, f"{args}: {shared}")
            self.assertIn("libc.so.6", shared)

    def test_a_command_with_a_zone_loads_it(self):
        lookups = self.zoneinfo_lookups("create-event", "--title", "Talk", "--slug", "talk",
                                        "--start", "2024-01-01T10:00", "--end", "11:00",
                                        "--tz", "Europe/Paris")
        self.assertGreater(lookups, 50)


if __name__ == "__main__":
    unittest.main()
