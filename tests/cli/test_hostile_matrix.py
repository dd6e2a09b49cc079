"""A table of hostile inputs and faults over every command (issue 13). Each row gives the
arguments, the expected exit code and a fragment of the one-line error; when the command is
refused, `sqlite3 DB .dump` must be the same before and after.

Placeholders in arguments: {event} (a timed event with one person and one agenda item),
{dir} (the test folder). Files named in FILES are written into {dir} first."""
import json
import os
import shutil
import subprocess
import unittest

from harness import ConveneTestCase

LONG = "x" * 2000
ORGANISER = b'[organiser]\nname = "Events"\nemail = "events@example.org"\n'
# A REPLY from Ann; {uid} is the event's, filled in by setUp.
REPLY = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nMETHOD:REPLY\r\n"
         b"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20231115T090000Z\r\nSEQUENCE:0\r\n"
         b"ATTENDEE;PARTSTAT=ACCEPTED:mailto:ann@example.org\r\nEND:VEVENT\r\n"
         b"END:VCALENDAR\r\n")
SECRET = "s3cr3t-Pa55"
HUGE_DESCRIPTION = "y" * (70 * 1024)

FILES = {
    "nul.csv": b"name,email\nA\x00B,a@example.org\n",
    "esc.csv": b"name,email\nA\x1b[2JB,a@example.org\n",
    "mixed-utf8.csv": b"name,email\nZo\xc3\xab,z@example.org\nJos\xe9,a@example.org\n",
    "ragged.csv": b"name,email\nA,a@example.org,extra\n",
    "quote.csv": b"name,email\nA\"B,a@example.org\n",
    "open-quote.csv": b"name,email\n\"A,a@example.org\n",
    "reserved.csv": b"name,email,Email\nA,a@example.org,b@example.org\n",
    "long-name.csv": b"name,email\n" + b"n" * 2000 + b",a@example.org\n",
    "long-line.csv": b"name,email\n" + b"z" * (1100 * 1024) + b",a@example.org\n",
    "wide.csv": (",".join(f"c{i}" for i in range(1000)) + "\n").encode(),
    "empty.csv": b"",
    "bad-email.csv": b"name,email\nA,not-an-email\n",
    "long-email.csv": b"name,email\nA," + b"e" * 300 + b"@example.org\n",
    "long-value.csv": b"name,email,note\nA,a@example.org," + b"v" * 5000 + b"\n",
    "nul.jsonl": b'{"name": "A\\u0000B", "email": "a@example.org"}\n',
    "esc.jsonl": b'{"name": "A\\u001bB", "email": "a@example.org"}\n',
    "c1.jsonl": b'{"name": "A\\u009bB", "email": "a@example.org"}\n',
    "bigint.jsonl": b'{"name": "A", "email": "a@example.org", "n": 123456789012345678901234567890}\n',
    "bigfloat.jsonl": b'{"name": "A", "email": "a@example.org", "n": 1e400}\n',
    "dupkey.jsonl": b'{"name": "A", "email": "a@example.org", "email": "b@example.org"}\n',
    "deep.jsonl": b'{"name": "A", "email": "a@example.org", "n": ' + b"[" * 100 + b"]" * 100 + b"}\n",
    "array.jsonl": b'[1, 2, 3]\n',
    "broken.jsonl": b'{"name": "A", \n',
    "latin1.jsonl": b'{"name": "Jos\xe9", "email": "a@example.org"}\n',
    "long-line.jsonl": b'{"name": "' + b"q" * (1100 * 1024) + b'", "email": "a@example.org"}\n',
    "field-newline-key.jsonl": b'{"name": "A", "email": "a@example.org", "a\\nb": "x"}\n',
    "reserved.jsonl": b'{"name": "A", "email": "a@example.org", "fields": {"EMAIL": "x"}}\n',
    "deep.toml": ("title = \"x\"\n" + ".".join(["a"] * 100_000) + " = 1\n").encode(),
    "deep-table.toml": b'title = "x"\n[a.b.c.d.e.f.g.h.i.j.k]\n',
    "deep-array.toml": b'title = "x"\nv = ' + b"[" * 40 + b"]" * 40 + b"\n",
    "nul.toml": b'title = "a\\u0000b"\nstart = "2024-01-01T10:00"\nduration = "1h"\n',
    "esc.toml": b'title = "a\\u001b[2Jb"\nstart = "2024-01-01T10:00"\nduration = "1h"\n',
    "long-title.toml": b'title = "' + b"t" * 2000 + b'"\nstart = "2024-01-01T10:00"\nduration = "1h"\n',
    "capacity.toml": b'title = "x"\nstart = "2024-01-01T10:00"\nduration = "1h"\ncapacity = 99999999999\n',
    "negative.toml": b'title = "x"\nstart = "2024-01-01T10:00"\nduration = "1h"\ncapacity = -1\n',
    "duration.toml": b'title = "x"\nstart = "2024-01-01T10:00"\nduration = "9999999999d"\n',
    "year.toml": b'title = "x"\nstart = "0001-01-01T10:00"\nduration = "1h"\n',
    "year-end.toml": b'title = "x"\nstart = "9999-12-31T23:30"\nduration = "1h"\n',
    "offset.toml": b'title = "x"\nstart = "2024-01-01T10:00"\nduration = "1h"\n'
                   b'[[agenda]]\ntitle = "a"\nstart = "+99999999d"\n',
    "item-duration.toml": b'title = "x"\nstart = "2024-01-01T10:00"\nduration = "1h"\n'
                          b'[[agenda]]\ntitle = "a"\nduration = "400d"\n',
    "unknown.toml": b'title = "x"\nstart = "2024-01-01T10:00"\nduration = "1h"\nfoo = 1\n',
    "invalid.toml": b'title = "x\nstart = \n',
    "dupkey.toml": b'title = "x"\ntitle = "y"\n',
    "js-url.toml": b'title = "x"\nstart = "2024-01-01T10:00"\nduration = "1h"\n'
                   b'online = "javascript:alert(1)"\n',
    "hostless.toml": b'title = "x"\nstart = "2024-01-01T10:00"\nduration = "1h"\n'
                     b'online = "https:///path"\n',
    "binary.toml": bytes(range(256)) * 4,
    "huge.toml": b"#" * (1100 * 1024),
    "nul-description.txt": b"line\x00more",
    "esc-description.txt": b"\x1b]0;title\x07",
    "long-description.txt": b"d" * (65 * 1024),
    "config-dir/.keep": b"",
    "bad.toml": b"[unknown]\nkey = 1\n",
    "subdir/.keep": b"",
    # --- issue 31 ---
    "deep.md": ("> " * 32000 + "x").encode(),
    "deep-description.toml": ('title = "x"\nstart = "2024-01-01T10:00"\nduration = "1h"\n'
                              'description = "' + "> " * 32000 + 'x"\n').encode(),
    "nonchar.toml": 'title = "a\ufffeb"\nstart = "2024-01-01T10:00"\nduration = "1h"\n'.encode(),
    "crlf-organiser.toml": b'[organiser]\nname = "Events"\n'
                           b'email = "events@example.org\\r\\nRCPT TO:<victim@example.org>"\n'
                           b'[mail]\nsendmail = "/bin/false"\n',
    "angle-organiser.toml": b'[organiser]\nemail = "Events <events@example.org"\n',
    "zero-timeout.toml": b'[mail]\ntimeout = "0s"\n',
    "templates-missing.toml": ORGANISER + b'[invitations]\ntemplates = "no-such-folder"\n',
    "templates-fifo.toml": ORGANISER + b'[invitations]\ntemplates = "fifo-templates"\n',
    "templates-dangling.toml": ORGANISER + b'[invitations]\ntemplates = "dangling-templates"\n',
    "templates-latin1.toml": ORGANISER + b'[invitations]\ntemplates = "latin1-templates"\n',
    "templates-placeholder.toml": ORGANISER + b'[invitations]\ntemplates = "bad-templates"\n',
    "latin1-templates/invitation.txt": b"Bonjour {{name}},\n\xe9t\xe9\n",
    "bad-templates/invitation.es.html": b"<p>{{saludo}}</p>\n",
    "fifo-templates/.keep": b"",
    "dangling-templates/.keep": b"",
    "reply-stamp.ics": REPLY.replace(b"DTSTAMP:20231115T090000Z", b"DTSTAMP:whenever"),
    "reply-sequence.ics": REPLY.replace(b"SEQUENCE:0", b"SEQUENCE:41"),
    "reply-two.ics": REPLY.replace(b"END:VCALENDAR", REPLY[REPLY.index(b"BEGIN:VEVENT"):
                                                          REPLY.index(b"END:VCALENDAR")]
                                   .replace(b"ACCEPTED", b"DECLINED") + b"END:VCALENDAR"),
}

# (arguments, exit code, fragment of the error line)
CASES = [
    # --- global options and the environment -----------------------------------------------
    (["--db", "", "list", "events"], 2, "empty"),
    (["--config", "", "list", "events"], 2, "empty"),
    (["--config", "{dir}/config-dir", "list", "events"], 2, "is a directory"),
    (["--config", "/dev/zero", "list", "events"], 2, "not a regular file"),
    (["--config", "{dir}/missing.toml", "list", "events"], 2, "does not exist"),
    (["--config", "{dir}/bad.toml", "list", "events"], 5, "unknown key"),
    (["--db", "{dir}/subdir", "show", "x"], 6, "is a directory"),
    (["--db", "{dir}/dangling.db", "show", "x"], 3, "no database at"),
    (["--db", "{dir}/dangling.db", "create-event", "--title", "T", "--date", "2024-01-01"], 6,
     "symbolic link to a missing file"),
    (["--format", "bogus", "list", "events"], 2, "bogus"),
    (["no-such-command"], 2, "unknown command"),
    (["list", "events", "--no-such-flag"], 2, "--no-such-flag"),
    (["show", "\x1b[31mred"], 3, "\\x1b[31mred"),
    (["show", "a\nb"], 3, "a\\nb"),
    (["show", LONG], 3, "…"),
    # --- create-event ----------------------------------------------------------------------
    (["create-event", "--title", "T", "--start", "2024-13-01T10:00", "--duration", "1h"], 2,
     "invalid date-time"),
    (["create-event", "--title", "T", "--start", "0001-01-01T10:00", "--duration", "1h"], 2,
     "outside 1900–9999"),
    (["create-event", "--title", "T", "--start", "9999-12-31T23:00", "--duration", "2h"], 2,
     "between the years"),
    (["create-event", "--title", "T", "--start", "2024-01-01T10:00", "--duration",
      "9223372036854775807s"], 2, "longer than 366 days"),
    (["create-event", "--title", "T", "--start", "2024-01-01T10:00", "--duration",
      "99999999999999999999999h"], 2, "duration"),
    (["create-event", "--title", "T", "--start", "2024-01-01T10:00", "--duration", "-1h"], 2,
     "invalid duration"),
    (["create-event", "--title", "T", "--start", "2024-01-01T10:00", "--duration", "0m"], 2,
     "invalid duration"),
    (["create-event", "--title", "T", "--start", "2024-01-01T10:00", "--duration", "1h",
      "--tz", "Mars/Olympus"], 2, "unknown time zone"),
    (["create-event", "--title", "T", "--start", "2024-03-31T02:30", "--duration", "1h",
      "--tz", "Europe/Paris"], 2, "DST gap"),
    (["create-event", "--title", "T", "--date", "10000-01-01"], 2, "invalid date"),
    (["create-event", "--title", "T", "--date", "1899-12-31"], 2, "outside 1900–9999"),
    (["create-event", "--title", LONG, "--date", "2024-01-01"], 2, "longer than 1 KiB"),
    (["create-event", "--title", "a\x1bb", "--date", "2024-01-01"], 2, "control character"),
    (["create-event", "--title", "a\nb", "--date", "2024-01-01"], 2, "control character"),
    (["create-event", "--title", "a\u0085b", "--date", "2024-01-01"], 2, "control character"),
    (["create-event", "--title", "T", "--date", "2024-01-01", "--capacity", "-1"], 2, "-1"),
    (["create-event", "--title", "T", "--date", "2024-01-01", "--capacity", "1000001"], 2,
     "1000001"),
    (["create-event", "--title", "T", "--date", "2024-01-01", "--capacity",
      "99999999999999999999999"], 2, "capacity"),
    (["create-event", "--title", "T", "--date", "2024-01-01", "--online",
      "javascript:alert(1)"], 2, "is not a URL"),
    (["create-event", "--title", "T", "--date", "2024-01-01", "--online", "https:///x"], 2,
     "is not a URL"),
    (["create-event", "--title", "T", "--date", "2024-01-01", "--registration-url",
      "file:///etc/passwd"], 2, "is not a URL"),
    (["create-event", "--title", "T", "--date", "2024-01-01", "--online",
      "https://" + "h" * 3000], 2, "longer than"),
    (["create-event", "--title", "T", "--date", "2024-01-01", "--venue", "v\x07"], 2,
     "control character"),
    (["create-event", "--title", "T", "--date", "2024-01-01", "--organiser", LONG], 2,
     "longer than"),
    (["create-event", "--title", "T", "--date", "2024-01-01", "--description",
      "@{dir}/subdir"], 2, "is a directory"),
    (["create-event", "--title", "T", "--date", "2024-01-01", "--description",
      "@{dir}/missing.txt"], 2, "cannot read"),
    (["create-event", "--title", "T", "--date", "2024-01-01", "--description",
      "@/dev/zero"], 5, "/dev/zero: longer than 64 KiB"),
    (["create-event", "--title", "T", "--date", "2024-01-01", "--description",
      "@{dir}/long-description.txt"], 5, "longer than 64 KiB"),
    (["create-event", "--title", "T", "--date", "2024-01-01", "--description",
      "@{dir}/nul-description.txt"], 2, "control character"),
    (["create-event", "--title", "T", "--date", "2024-01-01", "--description",
      "@{dir}/esc-description.txt"], 2, "control character"),
    (["create-event", "--title", "T", "--date", "2024-01-01", "--description",
      HUGE_DESCRIPTION], 2, "longer than 64 KiB"),
    (["create-event", "--title", "T", "--date", "2024-01-01", "--slug", "../../etc"], 2,
     "invalid slug"),
    (["create-event", "--title", "T", "--date", "2024-01-01", "--parent", "nope"], 3, "nope"),
    (["create-event", "--from", "/dev/zero"], 5, "larger than 1024 KiB"),
    (["create-event", "--from", "{dir}/huge.toml"], 5, "larger than 1024 KiB"),
    (["create-event", "--from", "{dir}/deep.toml"], 5, "deep.toml:2: nested deeper"),
    (["create-event", "--from", "{dir}/deep-table.toml"], 5, "deep-table.toml:2: nested"),
    (["create-event", "--from", "{dir}/deep-array.toml"], 5, "deep-array.toml:2: nested"),
    (["create-event", "--from", "{dir}/nul.toml"], 5, "nul.toml:1: title"),
    (["create-event", "--from", "{dir}/esc.toml"], 5, "esc.toml:1: title"),
    (["create-event", "--from", "{dir}/long-title.toml"], 5, "longer than 1 KiB"),
    (["create-event", "--from", "{dir}/capacity.toml"], 5, "at most 1000000"),
    (["create-event", "--from", "{dir}/negative.toml"], 5, "zero or more"),
    (["create-event", "--from", "{dir}/duration.toml"], 5, "longer than 366 days"),
    (["create-event", "--from", "{dir}/year.toml"], 5, "outside 1900–9999"),
    (["create-event", "--from", "{dir}/year-end.toml"], 5, "between the years"),
    (["create-event", "--from", "{dir}/offset.toml"], 5, "longer than 366 days"),
    (["create-event", "--from", "{dir}/item-duration.toml"], 5, "longer than 366 days"),
    (["create-event", "--from", "{dir}/unknown.toml"], 5, "unknown key"),
    (["create-event", "--from", "{dir}/invalid.toml"], 5, "invalid.toml:1"),
    (["create-event", "--from", "{dir}/dupkey.toml"], 5, "dupkey.toml:2"),
    (["create-event", "--from", "{dir}/js-url.toml"], 5, "is not a URL"),
    (["create-event", "--from", "{dir}/hostless.toml"], 5, "is not a URL"),
    (["create-event", "--from", "{dir}/binary.toml"], 5, "binary.toml"),
    (["create-event", "--from", "{dir}/subdir"], 2, "is a directory"),
    # --- update, cancel, delete --------------------------------------------------------------
    (["update-event", "{event}", "--capacity", "-1"], 2, "-1"),
    (["update-event", "{event}", "--capacity", "2000000"], 2, "2000000"),
    (["update-event", "{event}", "--duration", "400d"], 2, "longer than 366 days"),
    (["update-event", "{event}", "--start", "9999-12-31T23:59", "--duration", "2h"], 2,
     "between the years"),
    (["update-event", "{event}", "--title", ""], 2, "title"),
    (["update-event", "{event}", "--title", "t\x1b[2J"], 2, "control character"),
    (["update-event", "{event}", "--description", "@/dev/zero"], 5, "longer than 64 KiB"),
    (["update-event", "{event}", "--description", "@{dir}/subdir"], 2, "is a directory"),
    (["update-event", "{event}", "--status", "bogus"], 2, "bogus"),
    (["update-event", "{event}", "--online", "javascript:alert(1)"], 2, "is not a URL"),
    (["update-event", "missing-event", "--venue", "x"], 3, "missing-event"),
    (["cancel-event", "missing-event"], 3, "missing-event"),
    (["delete-event", "missing-event", "--yes"], 3, "missing-event"),
    # --- agenda ------------------------------------------------------------------------------
    (["add-agenda-item", "{event}", "--title", "a", "--start", "+99999999d"], 2,
     "longer than 366 days"),
    (["add-agenda-item", "{event}", "--title", "a", "--duration", "367d"], 2,
     "longer than 366 days"),
    (["add-agenda-item", "{event}", "--title", LONG], 2, "longer than 1 KiB"),
    (["add-agenda-item", "{event}", "--title", "a\x00b"[:1] + "\x1b"], 2, "control character"),
    (["add-agenda-item", "{event}", "--title", "a", "--speaker", LONG], 2, "longer than"),
    (["add-agenda-item", "{event}", "--title", "a", "--point", "p\x07"], 2, "control"),
    (["add-agenda-item", "{event}", "--title", "a", "--position", "-5"], 2, "position"),
    (["add-agenda-item", "{event}", "--title", "a", "--position", "99999999999999999999"], 2,
     "position"),
    (["update-agenda-item", "{event}", "1", "--duration", "9999999999999d"], 2, "duration"),
    (["update-agenda-item", "{event}", "99", "--title", "x"], 3, "99"),
    (["move-agenda-item", "{event}", "1", "--to", "0"], 2, "outside the agenda"),
    (["remove-agenda-item", "{event}", "-1"], 2, "-1"),
    (["list", "agenda", "missing-event"], 3, "missing-event"),
    # --- register ----------------------------------------------------------------------------
    (["register", "{event}", "--name", "A", "--email", "not-an-email"], 2, "not an email"),
    (["register", "{event}", "--name", "A", "--email", "a\x1b@example.org"], 2, "control"),
    (["register", "{event}", "--name", "A\x1bB", "--email", "a@example.org"], 2, "control"),
    (["register", "{event}", "--name", LONG, "--email", "a@example.org"], 2, "longer than"),
    (["register", "{event}", "--name", "A", "--email", "a@example.org", "--field", "Email=x"],
     2, "registration field"),
    (["register", "{event}", "--name", "A", "--email", "a@example.org", "--field", "NAME=x"],
     2, "registration field"),
    (["register", "{event}", "--name", "A", "--email", "a@example.org", "--field", "k\nx=y"],
     2, "control character"),
    (["register", "{event}", "--name", "A", "--email", "a@example.org", "--field",
      "note=" + "v" * 5000], 2, "longer than 4 KiB"),
    (["register", "{event}", "--name", "A", "--email", "a@example.org", "--organisation",
      "o\x1b"], 2, "control"),
    (["register", "{event}", "--name", "A", "--email", "ann@example.org"], 4, "ann@example.org"),
    (["register", "missing-event", "--name", "A", "--email", "a@example.org"], 3, "missing"),
    (["register", "{event}", "--csv", "/dev/zero"], 5, "/dev/zero:1: a record is longer"),
    (["register", "{event}", "--jsonl", "/dev/zero"], 5, "/dev/zero:1: the line is longer"),
    (["register", "{event}", "--csv", "{dir}/subdir"], 2, "is a directory"),
    (["register", "{event}", "--csv", "{dir}/missing.csv"], 2, "cannot read"),
    (["register", "{event}", "--csv", "{dir}/nul.csv"], 5, "nul.csv:2"),
    (["register", "{event}", "--csv", "{dir}/esc.csv"], 5, "esc.csv:2"),
    (["register", "{event}", "--csv", "{dir}/mixed-utf8.csv"], 5, "not valid UTF-8"),
    (["register", "{event}", "--csv", "{dir}/ragged.csv"], 5, "ragged.csv:2"),
    (["register", "{event}", "--csv", "{dir}/quote.csv"], 5, "quote.csv:2"),
    (["register", "{event}", "--csv", "{dir}/open-quote.csv"], 5, "open-quote.csv:2"),
    (["register", "{event}", "--csv", "{dir}/reserved.csv"], 5, "reserved.csv"),
    (["register", "{event}", "--csv", "{dir}/long-name.csv"], 5, "longer than 1 KiB"),
    (["register", "{event}", "--csv", "{dir}/long-line.csv"], 5, "long-line.csv:2: a record"),
    (["register", "{event}", "--csv", "{dir}/wide.csv"], 5, "wide.csv:1: more than 256"),
    (["register", "{event}", "--csv", "{dir}/empty.csv"], 5, "no header row"),
    (["register", "{event}", "--csv", "{dir}/bad-email.csv"], 5, "bad-email.csv:2"),
    (["register", "{event}", "--csv", "{dir}/long-email.csv"], 5, "long-email.csv:2"),
    (["register", "{event}", "--csv", "{dir}/long-value.csv"], 5, "longer than 4 KiB"),
    (["register", "{event}", "--jsonl", "{dir}/nul.jsonl"], 5, "nul.jsonl:1"),
    (["register", "{event}", "--jsonl", "{dir}/esc.jsonl"], 5, "esc.jsonl:1"),
    (["register", "{event}", "--jsonl", "{dir}/c1.jsonl"], 5, "c1.jsonl:1"),
    (["register", "{event}", "--jsonl", "{dir}/bigint.jsonl"], 5, "too large to keep exactly"),
    (["register", "{event}", "--jsonl", "{dir}/bigfloat.jsonl"], 5, "bigfloat.jsonl:1"),
    (["register", "{event}", "--jsonl", "{dir}/dupkey.jsonl"], 5, 'key "email" appears twice'),
    (["register", "{event}", "--jsonl", "{dir}/deep.jsonl"], 5, "nested deeper"),
    (["register", "{event}", "--jsonl", "{dir}/array.jsonl"], 5, "expected a JSON object"),
    (["register", "{event}", "--jsonl", "{dir}/broken.jsonl"], 5, "broken.jsonl:1"),
    (["register", "{event}", "--jsonl", "{dir}/latin1.jsonl"], 5, "not valid UTF-8"),
    (["register", "{event}", "--jsonl", "{dir}/long-line.jsonl"], 5, "the line is longer"),
    (["register", "{event}", "--jsonl", "{dir}/field-newline-key.jsonl"], 5, "control"),
    (["unregister", "{event}", "nobody@example.org"], 3, "nobody@example.org"),
    (["unregister", "{event}", "99999999999999999999999"], 3, "99999999999999999999999"),
    (["check-in", "{event}", "nobody@example.org"], 3, "nobody@example.org"),
    (["list", "attendees", "{event}", "--status", "bogus"], 2, "bogus"),
    (["list", "attendees", "missing-event"], 3, "missing-event"),
    (["forget", "{event}", "nobody@example.org"], 3, "nobody@example.org"),
    (["forget", "--all-events", "nobody@example.org"], 3, "nobody@example.org"),
    (["forget", "{event}"], 2, "--all-events"),
    (["forget", "--all-events", "a@example.org", "b@example.org"], 2, "one email"),
    # --- outputs -----------------------------------------------------------------------------
    (["export-ics", "{event}", "-o", ""], 2, "empty"),
    (["export-ics", "{event}", "-o", "/dev/null"], 2, "not a regular file"),
    (["export-ics", "{event}", "-o", "{dir}/subdir"], 2, "is a directory"),
    (["export-ics", "{event}", "-o", "{dir}/dangling.ics"], 2, "symbolic link"),
    (["export-ics", "{event}", "-o", "{dir}/missing-folder/feed.ics"], 2, "cannot write"),
    (["export-ics", "{event}", "--invitations", ""], 2, "empty"),
    (["export-ics", "{event}", "--invitations", "/dev/null"], 2, "invitations"),
    (["export-ics", "missing-event"], 3, "missing-event"),
    (["export-ics"], 2, "--all"),
    (["init", ""], 2, "empty"),
    (["init", "/dev/null", "--force"], 2, "not a regular file"),
    (["init", "{dir}/dangling.toml"], 2, "symbolic link"),
    (["show", "{event}", "--tz", "Nowhere/Zone"], 2, "unknown time zone"),
    # --- issue 31: crashes and hangs ---------------------------------------------------------
    (["create-event", "--title", "x", "--date", "2024-01-01", "--description", "> " * 40 + "x"],
     2, "--description: the description nests quotes, lists or emphasis 41 levels deep"),
    (["update-event", "{event}", "--description", "@{dir}/deep.md"], 2, "32001 levels deep"),
    (["create-event", "--from", "{dir}/deep-description.toml"], 5, "nests quotes"),
    (["add-agenda-item", "{event}", "--title", "x", "--point", "> " * 40 + "x"], 2,
     "an agenda point nests quotes"),
    (["update-agenda-item", "{event}", "1", "--description", "@{dir}/deep.md"], 2,
     "nests quotes"),
    (["--config", "{dir}/templates-missing.toml", "export-ics", "{event}", "--attendee",
      "ann@example.org", "--eml"], 2, "invitations.templates: the folder"),
    (["--config", "{dir}/templates-fifo.toml", "export-ics", "{event}", "--invitations",
      "{dir}/out-fifo", "--eml"], 5, "is not a regular file"),
    (["--config", "{dir}/templates-dangling.toml", "export-ics", "{event}", "--attendee",
      "ann@example.org", "--eml"], 5, "invitation.txt: cannot be read"),
    (["--config", "{dir}/templates-latin1.toml", "export-ics", "{event}", "--attendee",
      "ann@example.org", "--eml"], 5, "not valid UTF-8 (byte 19)"),
    (["--config", "{dir}/templates-placeholder.toml", "export-ics", "{event}", "--invitations",
      "{dir}/out-placeholder", "--eml"], 5, "invitation.es.html:1: unknown placeholder"),
    (["--config", "{dir}/zero-timeout.toml", "list", "events"], 5, "mail.timeout: must be"),
    # --- secrets -----------------------------------------------------------------------------
    (["--db", f"postgresql://ann:{SECRET}@[::1/convene", "list", "events"], 2, "is malformed"),
    (["--db", f"postgresql://ann:{SECRET}%00@host/convene", "list", "events"], 2,
     "is malformed"),
    (["--db", f"postgresql://ann:{SECRET}%zz@host/convene", "create-event", "--title", "x",
      "--date", "2024-01-01"], 2, "is malformed"),
    (["--db", f"postgresql://ann:{SECRET[:3]}/{SECRET[3:]}@host/convene", "list", "events"], 2,
     "unencoded '/'"),
    (["--db", f"host=127.0.0.1 port=1 dbname=convene password={SECRET} connect_timeout=5",
      "create-event", "--title", "x", "--date", "2024-01-01"], 6, "password=****"),
    (["--db", f"host=127.0.0.1 port=1 dbname=convene password={SECRET}", "show", "x"], 6,
     "cannot connect to host=127.0.0.1 port=1 dbname=convene password=****"),
    # --- injection ---------------------------------------------------------------------------
    (["--config", "{dir}/crlf-organiser.toml", "send", "{event}"], 5,
     "organiser.email: not an e-mail address"),
    (["--config", "{dir}/angle-organiser.toml", "send", "{event}"], 5, "Name <address>"),
    (["update-event", "{event}", "--title", "a\ufffeb"], 2, "U+FFFE"),
    (["create-event", "--from", "{dir}/nonchar.toml"], 5, "U+FFFE"),
    # --- half-done work ----------------------------------------------------------------------
    (["show", "{event}", "--format", "html", "-o", "{dir}/subdir"], 2, "is a directory"),
    # --- replies -----------------------------------------------------------------------------
    (["rsvp", "{event}", "{dir}/reply-stamp.ics"], 5, "DTSTAMP"),
    (["rsvp", "{event}", "{dir}/reply-sequence.ics"], 4, "never sent"),
    (["rsvp", "{event}", "{dir}/reply-two.ics"], 5, "VEVENTs that disagree"),
]


@unittest.skipUnless(shutil.which("sqlite3"), "sqlite3 is not installed")
class HostileMatrix(ConveneTestCase):
    def setUp(self):
        super().setUp()
        _, self.event = self.create_briefing("--capacity", "10")
        self.ok("register", self.event, "--name", "Ann", "--email", "ann@example.org",
                "--field", "diet=vegan")
        self.ok("add-agenda-item", self.event, "--title", "Opening", "--start", "+0m",
                "--duration", "15m")
        uid = json.loads(self.ok("show", self.event, "--format", "json"))["uid"].encode()
        for name, content in FILES.items():
            os.makedirs(os.path.dirname(self.path(name)), exist_ok=True)
            with open(self.path(name), "wb") as f:
                f.write(content.replace(b"{uid}", uid))
        os.mkfifo(self.path("fifo-templates", "invitation.txt"))
        os.symlink(self.path("nowhere.txt"), self.path("dangling-templates", "invitation.txt"))
        os.symlink(self.path("nowhere.db"), self.path("dangling.db"))
        os.symlink(self.path("nowhere.ics"), self.path("dangling.ics"))
        os.symlink(self.path("nowhere.toml"), self.path("dangling.toml"))

    def dump(self):
        result = subprocess.run(["sqlite3", self.path("convene.db"), ".dump"],
                                capture_output=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout

    def test_the_matrix(self):
        self.assertGreaterEqual(len(CASES), 100)
        commands = {args[0] if args[0] != "list" else " ".join(args[:2])
                    for args, _, _ in CASES if not args[0].startswith("-")}
        for command in ("init", "create-event", "update-event", "cancel-event", "delete-event",
                        "show", "add-agenda-item", "update-agenda-item", "move-agenda-item",
                        "remove-agenda-item", "register", "unregister", "check-in",
                        "export-ics", "list agenda", "list attendees", "forget"):
            self.assertIn(command, commands)
        for args, code, fragment in CASES:
            args = [a.replace("{event}", self.event).replace("{dir}", self.dir) for a in args]
            with self.subTest(args=" ".join(a[:60] for a in args)):
                before = self.dump()
                result = self.run_convene(*args)
                self.assertEqual(result.code, code, result.stderr)
                errors = [l for l in result.stderr.splitlines()
                          if l.startswith("convene: error: ")]
                self.assertEqual(len(errors), 1, result.stderr)
                self.assertIn(fragment, errors[0])
                self.assertLess(len(errors[0]), 260, errors[0])
                self.assertFalse(any(ord(c) < 0x20 and c != "\n" for c in result.stderr),
                                 repr(result.stderr))
                self.assertEqual(result.stdout, "")
                self.assertNotIn(SECRET, result.stderr)
                self.assertNotIn(SECRET[3:], result.stderr)
                self.assertEqual(self.dump(), before)
        self.assertFalse(os.path.exists(self.path("nowhere.db")))
        self.assertFalse(os.path.exists(self.path("nowhere.ics")))
        self.assertFalse(os.path.exists(self.path("nowhere.toml")))
        # Nothing half-written: no calendar beside a page that failed, no invitation folder
        # filled before a template was found wrong, no file named after a password.
        self.assertFalse(os.path.exists(self.path("subdir.ics")))
        for folder in ("out-fifo", "out-placeholder"):
            self.assertFalse(os.path.exists(self.path(folder)) and os.listdir(self.path(folder)))
        self.assertFalse(any("s3cr" in name for name in os.listdir(self.dir)))


if __name__ == "__main__":
    unittest.main()
