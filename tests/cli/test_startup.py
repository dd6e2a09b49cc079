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


@unittest.skipIf(shutil.which("strace") is None, "strace is not installed")
class StartupTest(ConveneTestCase):
    def zoneinfo_lookups(self, *args):
        return sum("zoneinfo" in line for line in self.file_calls(*args))

    def test_commands_without_a_zone_do_not_load_the_zone_database(self):
        self.ok("create-event", "--title", "Day", "--slug", "day", "--date", "2024-01-01")
        self.assertLessEqual(self.zoneinfo_lookups("--help"), 2)
        self.assertLessEqual(self.zoneinfo_lookups("list", "events"), 2)
        self.assertLessEqual(self.zoneinfo_lookups("register", "day", "--name", "Ana",
                                                   "--email", "ana@example.org"), 2)
        self.assertLessEqual(self.zoneinfo_lookups("list", "attendees", "day"), 2)

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
            # 16 on Debian 12 (ICU, libical, SQLite, the C++ runtime…): a new dependency that
            # pulls in a tree of libraries shows up here.
            self.assertLessEqual(len(libraries), 24, f"{args}: {sorted(libraries)}")

    def test_a_command_with_a_zone_loads_it(self):
        lookups = self.zoneinfo_lookups("create-event", "--title", "Talk", "--slug", "talk",
                                        "--start", "2024-01-01T10:00", "--end", "11:00",
                                        "--tz", "Europe/Paris")
        self.assertGreater(lookups, 50)


if __name__ == "__main__":
    unittest.main()
