"""Import and listing stream: peak memory barely moves when the rows grow tenfold.

The peak is VmHWM of /proc/PID/status, sampled while convene runs. (The rusage of a child is no
use here: Linux carries the RSS of the forking Python process over exec into ru_maxrss, which
hides convene's own peak under Python's.) VmHWM only grows, so the last sample is close to the
peak. Loading every row would add tens of megabytes at 100,000 rows; streaming keeps the peak
near the binary's own few megabytes, so the ratio stays far below the ratio of rows.
"""
import unittest

from harness import ConveneTestCase, not_under_sanitizers

SMALL, LARGE = 10_000, 100_000


class StreamingMemoryTest(ConveneTestCase):
    def people(self, name, rows):
        with open(self.path(name), "w", encoding="utf-8", newline="") as f:
            f.write("name,email,organisation,diet\n")
            for i in range(rows):
                diet = "vegan" if i % 3 else ""
                f.write(f"Person {i},p{i}@example.org,\"Org, {i % 50}\",{diet}\n")
        return self.path(name)

    @not_under_sanitizers("freed memory stays in quarantine")
    def test_memory_stays_flat_for_ten_times_the_rows(self):
        peaks = {}
        for rows in (SMALL, LARGE):
            slug = f"event-{rows}"
            self.ok("create-event", "--title", slug, "--slug", slug, "--start",
                    "2024-01-01T10:00", "--end", "11:00", "--tz", "UTC")
            path = self.people(f"{rows}.csv", rows)
            peaks[rows] = (self.peak_kib("register", slug, "--csv", path),
                           self.peak_kib("list", "attendees", slug, "--format", "csv"),
                           self.peak_kib("list", "attendees", slug, "--format", "jsonl"))
        print(f"\npeak RSS KiB (import, list csv, list jsonl): {SMALL} rows {peaks[SMALL]}, "
              f"{LARGE} rows {peaks[LARGE]}")
        for small, large in zip(peaks[SMALL], peaks[LARGE]):
            # Ten times the rows; anything that held them all would at least double.
            self.assertLess(large / small, 2.0, peaks)


if __name__ == "__main__":
    unittest.main()
