"""How ctest runs one tests/cli/test_*.py file: `python3 run_tests.py NAME` runs it as
`python3 -m unittest -v NAME` would, and ends with the exit code ctest reads:

  0   every test ran and passed;
  1   a test failed or had an error, or the file holds no test at all;
  77  nothing failed, but a test was skipped because something it needs is missing here (a
      program, a Debian package, the shared schemas, PostgreSQL): ctest reports the entry as
      skipped, not passed (SKIP_RETURN_CODE in tests/CMakeLists.txt), and the log says which
      test and why.

A test left out by design where another entry of the same run covers it (harness.BY_DESIGN:
the SQLite-only tests of a `cli-pg:` entry, memory measurements under the sanitizers) is not
counted as skipped. A failure always wins over a skip: ctest's SKIP_REGULAR_EXPRESSION would
report a failing entry as skipped when its output also held the words.
"""
import os
import sys
import unittest

import harness

SKIPPED = 77


def exit_code(result):
    if not result.wasSuccessful() or result.testsRun == 0:
        return 1
    missing = [(test, reason) for test, reason in result.skipped
               if not reason.startswith(harness.BY_DESIGN)]
    if missing:
        print(f"SKIPPED: {len(missing)} of {result.testsRun} tests could not run here:",
              file=sys.stderr)
        for test, reason in missing:
            print(f"  {test.id()}: {reason}", file=sys.stderr)
        return SKIPPED
    return 0


def main(argv):
    if len(argv) != 2:
        print("usage: run_tests.py TEST_MODULE", file=sys.stderr)
        return 2
    sys.path.insert(0, os.getcwd())  # as `python3 -m unittest` finds the module
    suite = unittest.defaultTestLoader.loadTestsFromName(argv[1])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    return exit_code(result)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
