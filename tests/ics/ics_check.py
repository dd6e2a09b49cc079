#!/usr/bin/python3
"""ics_check FILE.ics: convene's byte-level iCalendar checks plus a python3-icalendar reading.

Checks ICS.md rules 1-3 on the raw bytes (CRLF everywhere, no BOM, no blank lines, physical
lines of at most 75 octets, valid UTF-8 not split by a fold, no control characters), then
parses with python3-icalendar and prints one line per VEVENT:

    UID<TAB>DTSTART-as-UTC<TAB>DTEND-as-UTC      (2022-04-13T13:00:00Z, or 2022-04-11 for DATE)

TZIDs are resolved through the VTIMEZONEs in the file (icalendar itself would quietly use
pytz for known names and never read them), and the result must agree with the system tz
database. Exit status 0 when clean, 1 with one message per problem on stderr otherwise.

As a module: check_file(path) or check_bytes(data) return [(uid, start, end), ...] or raise
IcsCheckError whose .problems lists every message.
"""
import datetime
import re
import sys

import pytz
from icalendar import Calendar

MAX_OCTETS = 75
DATETIME_PROPERTIES = ("DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE")


class IcsCheckError(Exception):
    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


LINE = re.compile(rb"([^\r\n]*)(\r\n|\n|\r|$)")


def physical_lines(data):
    """[(line, terminator)] where terminator is b"\r\n", b"\n", b"\r" or b"" at the end."""
    lines = []
    for match in LINE.finditer(data):
        if match.start() == len(data) and not match.group(0):
            break
        lines.append((match.group(1), match.group(2)))
    return lines


def utf8_problem(lines, index, error):
    """Why line `index` failed to decode: a fold that split a sequence, or plain bad bytes.
    None for the continuation that carries the rest of a split already reported."""
    line = lines[index][0]
    following = lines[index + 1][0] if index + 1 < len(lines) else b""
    if error.reason == "unexpected end of data" and following[:1] in (b" ", b"\t"):
        return "a fold splits a UTF-8 sequence"
    if index > 0 and line[:1] in (b" ", b"\t") and error.start == 1:
        try:
            lines[index - 1][0].decode("utf-8")
        except UnicodeDecodeError as previous_error:
            if previous_error.reason == "unexpected end of data":
                return None
    return f"invalid UTF-8 at column {error.start + 1}"


def byte_problems(data, limit=20):
    """Rules 1-3 on the raw bytes; returns a list of messages (at most `limit` plus a count)."""
    problems = []
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append("starts with a UTF-8 byte order mark")
    if not data:
        return problems + ["the file is empty"]
    lines = physical_lines(data)
    bad_endings = {}
    for index, (line, terminator) in enumerate(lines):
        number = index + 1
        if terminator in (b"\n", b"\r"):
            bad_endings.setdefault(terminator, []).append(number)
        elif terminator == b"":
            problems.append(f"line {number}: the last line does not end in CRLF")
        if not line:
            problems.append(f"line {number}: blank line")
        if len(line) > MAX_OCTETS:
            problems.append(f"line {number}: {len(line)} octets, more than {MAX_OCTETS} (not folded)")
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as error:
            message = utf8_problem(lines, index, error)
            if message:
                problems.append(f"line {number}: {message}")
            continue
        controls = sorted({f"U+{ord(c):04X}" for c in text if (ord(c) < 0x20 and c != "\t") or ord(c) == 0x7F})
        if controls:
            problems.append(f"line {number}: control characters {', '.join(controls)}")
    for terminator, numbers in bad_endings.items():
        name = "LF" if terminator == b"\n" else "CR"
        problems.insert(0, f"{len(numbers)} line(s) end in a bare {name}, not CRLF (first: line {numbers[0]})")
    if len(problems) > limit:
        problems = problems[:limit] + [f"... and {len(problems) - limit} more"]
    return problems


def format_utc(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(pytz.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


class ZoneResolver:
    """TZID -> tzinfo built from the file's own VTIMEZONE components."""

    def __init__(self, calendar, problems):
        self.zones = {}
        self.problems = problems
        for component in calendar.walk("VTIMEZONE"):
            tzid = str(component["TZID"])
            try:
                self.zones[tzid] = component.to_tz()
            except Exception as error:  # icalendar asserts on malformed observances
                problems.append(f"VTIMEZONE {tzid}: unusable ({error!r})")

    def check_tzids(self, calendar):
        for component in calendar.walk():
            for name, values in component.items():
                for value in values if isinstance(values, list) else [values]:
                    tzid = getattr(value, "params", {}).get("TZID")
                    if tzid is not None and tzid not in self.zones:
                        self.problems.append(f"TZID={tzid} on {name} has no VTIMEZONE in the file")

    def to_utc(self, uid, name, prop):
        value = prop.dt
        if not isinstance(value, datetime.datetime):
            return format_utc(value)
        tzid = prop.params.get("TZID")
        if tzid is None:
            if value.tzinfo is None:
                self.problems.append(f"{uid}: {name} is a floating time")
                return "?"
            return format_utc(value)
        zone = self.zones.get(tzid)
        if zone is None:
            return "?"  # reported by check_tzids
        wall_time = value.replace(tzinfo=None)
        from_file = zone.localize(wall_time)
        if tzid in pytz.all_timezones:
            from_tzdb = pytz.timezone(tzid).localize(wall_time)
            if from_file.astimezone(pytz.utc) != from_tzdb.astimezone(pytz.utc):
                self.problems.append(
                    f"{uid}: {name} {wall_time.isoformat()} in {tzid} is {format_utc(from_file)} by the "
                    f"file's VTIMEZONE but {format_utc(from_tzdb)} by the tz database")
        return format_utc(from_file)


def event_line(resolver, event, problems):
    uid = str(event.get("UID", ""))
    if not uid:
        problems.append("a VEVENT without UID")
    if "DTSTART" not in event:
        problems.append(f"{uid}: no DTSTART")
        return (uid, "?", "?")
    start = resolver.to_utc(uid, "DTSTART", event["DTSTART"])
    end = "-"
    if "DTEND" in event and "DURATION" in event:
        problems.append(f"{uid}: both DTEND and DURATION")
    if "DTEND" in event:
        end = resolver.to_utc(uid, "DTEND", event["DTEND"])
    elif "DURATION" in event:
        end = format_utc(event["DTSTART"].dt + event["DURATION"].dt)
    return (uid, start, end)


def check_bytes(data):
    problems = byte_problems(data)
    if problems:
        raise IcsCheckError(problems)
    try:
        calendar = Calendar.from_ical(data.decode("utf-8"))
    except Exception as error:
        raise IcsCheckError([f"python3-icalendar cannot parse the file: {error}"])
    for component in calendar.walk():
        for property_name, message in getattr(component, "errors", []):
            problems.append(f"{component.name} {property_name or ''}: {message}".replace("  ", " "))
    resolver = ZoneResolver(calendar, problems)
    resolver.check_tzids(calendar)
    events = [event_line(resolver, event, problems) for event in calendar.walk("VEVENT")]
    if problems:
        raise IcsCheckError(problems)
    return events


def check_file(path):
    with open(path, "rb") as file:
        return check_bytes(file.read())


def main(argv):
    if len(argv) != 2:
        print("usage: ics_check.py FILE.ics", file=sys.stderr)
        return 2
    try:
        events = check_file(argv[1])
    except OSError as error:
        print(f"ics_check: {error}", file=sys.stderr)
        return 2
    except IcsCheckError as error:
        for problem in error.problems:
            print(f"ics_check: {argv[1]}: {problem}", file=sys.stderr)
        return 1
    for line in events:
        print("\t".join(line))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
