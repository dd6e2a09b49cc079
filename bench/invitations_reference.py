"""The reference for `export-ics --invitations`: what an organiser would otherwise write, a
python3-icalendar script making one REQUEST calendar per person of a registration CSV, with the
same event as the bench's (time zone, agenda in the description, organiser, attendee with RSVP).

    python3 bench/invitations_reference.py PEOPLE.csv FOLDER
"""
import csv
import hashlib
import os
import re
import sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

people, folder = sys.argv[1], sys.argv[2]
os.makedirs(folder, exist_ok=True)
paris = ZoneInfo("Europe/Paris")
stamp = datetime.fromtimestamp(1700000000, tz=timezone.utc)


def file_name(email):
    lowered = email.lower()
    stem = re.sub(r"[^a-z0-9._-]", "_", lowered).lstrip(".-")[:64] or "invitation"
    return f"{stem}-{hashlib.sha256(lowered.encode()).hexdigest()[:8]}.ics"


with open(people, newline="", encoding="utf-8") as rows:
    for row in csv.DictReader(rows):
        calendar = Calendar()
        calendar.add("prodid", "-//bench//reference//EN")
        calendar.add("version", "2.0")
        calendar.add("method", "REQUEST")
        event = Event()
        event.add("uid", "imrf-briefing@example.org")
        event.add("dtstamp", stamp)
        event.add("sequence", 0)
        event.add("summary", "Séance d'information (IMRF)")
        event.add("dtstart", datetime(2022, 4, 13, 15, 0, tzinfo=paris))
        event.add("dtend", datetime(2022, 4, 13, 16, 0, tzinfo=paris))
        event.add("description", "Un briefing d'une heure.\n\nAgenda:\n1. La route vers l'IMRF"
                  " — Monami Maulik, Stakeholder Liaison Officer, UN Network on Migration")
        event.add("location", "https://example.org/imrf")
        event.add("url", "https://example.org/imrf")
        event.add("status", "CONFIRMED")
        organiser = vCalAddress("mailto:events@example.org")
        organiser.params["cn"] = vText("Mayors Mechanism")
        event["organizer"] = organiser
        attendee = vCalAddress("mailto:" + row["email"])
        attendee.params["cn"] = vText(row["name"])
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("TRUE")
        event.add("attendee", attendee, encode=0)
        calendar.add_component(event)
        with open(os.path.join(folder, file_name(row["email"])), "wb") as out:
            out.write(calendar.to_ical())
