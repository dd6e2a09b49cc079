#pragma once
// Migrations, oldest first: k_migrations[i] takes a database from user_version i to i + 1.
#include <array>
#include <string_view>

namespace convene::store {

inline constexpr std::array<std::string_view, 12> k_migrations{
    // Version 1: everything in SPEC §1, so later commands add queries, not tables.
    R"sql(
CREATE TABLE event (
    id               INTEGER PRIMARY KEY,
    slug             TEXT    NOT NULL UNIQUE,
    uid              TEXT    NOT NULL UNIQUE,
    title            TEXT    NOT NULL CHECK (title <> ''),
    description      TEXT    NOT NULL DEFAULT '',
    timezone         TEXT    NOT NULL,
    all_day          INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
    start_utc        INTEGER,          -- timed events: Unix seconds
    end_utc          INTEGER,
    start_date       TEXT,             -- all-day events: YYYY-MM-DD, end inclusive
    end_date         TEXT,
    venue            TEXT    NOT NULL DEFAULT '',
    online_url       TEXT    NOT NULL DEFAULT '',
    registration_url TEXT    NOT NULL DEFAULT '',
    parent_id        INTEGER REFERENCES event (id) ON DELETE SET NULL,
    capacity         INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    status           TEXT    NOT NULL DEFAULT 'confirmed'
                     CHECK (status IN ('tentative', 'confirmed', 'cancelled')),
    sequence         INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    CHECK ((all_day = 0 AND end_utc > start_utc) OR (all_day = 1 AND end_date >= start_date))
);
CREATE INDEX event_by_parent ON event (parent_id);

CREATE TABLE event_language (
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tag      TEXT    NOT NULL,
    PRIMARY KEY (event_id, position)
) WITHOUT ROWID;

CREATE TABLE event_organiser (
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT    NOT NULL,
    PRIMARY KEY (event_id, position)
) WITHOUT ROWID;

CREATE TABLE agenda_item (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 1),
    title       TEXT    NOT NULL CHECK (title <> ''),
    description TEXT    NOT NULL DEFAULT '',
    kind        TEXT    NOT NULL DEFAULT ''
                CHECK (kind IN ('', 'talk', 'discussion', 'break', 'other')),
    start_utc   INTEGER,
    duration_s  INTEGER CHECK (duration_s IS NULL OR duration_s > 0)
);
-- Not UNIQUE: renumbering shifts positions row by row inside one transaction.
CREATE INDEX agenda_item_by_event ON agenda_item (event_id, position);

CREATE TABLE agenda_speaker (
    item_id      INTEGER NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT    NOT NULL CHECK (name <> ''),
    role         TEXT    NOT NULL DEFAULT '',
    organisation TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (item_id, position)
) WITHOUT ROWID;

CREATE TABLE agenda_point (
    item_id  INTEGER NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    PRIMARY KEY (item_id, position)
) WITHOUT ROWID;

CREATE TABLE registration (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    email         TEXT    NOT NULL,  -- as given
    email_key     TEXT    NOT NULL,  -- normalised for the case-insensitive comparison
    organisation  TEXT    NOT NULL DEFAULT '',
    language      TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL DEFAULT 'registered'
                  CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
    registered_at INTEGER NOT NULL,
    checked_in_at INTEGER,
    UNIQUE (event_id, email_key)
);
CREATE INDEX registration_by_time ON registration (event_id, registered_at, id);

CREATE TABLE registration_field (
    registration_id INTEGER NOT NULL REFERENCES registration (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    key             TEXT    NOT NULL,
    value           TEXT    NOT NULL,
    PRIMARY KEY (registration_id, key)
) WITHOUT ROWID;
)sql",
    // Version 2: how many registrations each event has in each status, kept up to date by
    // triggers on every write, so that registering reads the seats taken in O(log n) instead
    // of counting the event's rows (SQLite's count(*) visits every matching row).
    R"sql(
CREATE TABLE registration_count (
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    status   TEXT    NOT NULL,
    n        INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (event_id, status)
) WITHOUT ROWID;
INSERT INTO registration_count (event_id, status, n)
    SELECT event_id, status, count(*) FROM registration GROUP BY event_id, status;
CREATE TRIGGER registration_count_insert AFTER INSERT ON registration BEGIN
    INSERT INTO registration_count (event_id, status, n) VALUES (NEW.event_id, NEW.status, 1)
        ON CONFLICT (event_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER registration_count_delete AFTER DELETE ON registration BEGIN
    UPDATE registration_count SET n = n - 1
        WHERE event_id = OLD.event_id AND status = OLD.status;
END;
CREATE TRIGGER registration_count_update AFTER UPDATE OF event_id, status ON registration
WHEN OLD.event_id IS NOT NEW.event_id OR OLD.status IS NOT NEW.status BEGIN
    UPDATE registration_count SET n = n - 1
        WHERE event_id = OLD.event_id AND status = OLD.status;
    INSERT INTO registration_count (event_id, status, n) VALUES (NEW.event_id, NEW.status, 1)
        ON CONFLICT (event_id, status) DO UPDATE SET n = n + 1;
END;
)sql",
    // Version 3: what each person was sent (the ledger `send` works from) and their replies.
    R"sql(
CREATE TABLE sent_message (
    id             INTEGER PRIMARY KEY,
    event_id       INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    event_uid      TEXT    NOT NULL,
    recipient      TEXT    NOT NULL,  -- the address as sent
    email_key      TEXT    NOT NULL,  -- as registration.email_key
    method         TEXT    NOT NULL CHECK (method IN ('REQUEST', 'CANCEL')),
    sequence       INTEGER NOT NULL,  -- the SEQUENCE in the message
    event_sequence INTEGER NOT NULL,  -- the event's own sequence when it was sent
    message_id     TEXT    NOT NULL,
    sent_at        INTEGER NOT NULL,
    schedule       TEXT    NOT NULL DEFAULT ''  -- domain::schedule_of the event as sent
);
CREATE INDEX sent_message_by_person ON sent_message (event_id, email_key, id);

CREATE TABLE attendee_reply (
    event_id    INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    email_key   TEXT    NOT NULL,
    partstat    TEXT    NOT NULL
                CHECK (partstat IN ('ACCEPTED', 'DECLINED', 'TENTATIVE', 'DELEGATED')),
    sequence    INTEGER NOT NULL,
    replied_at  INTEGER NOT NULL,  -- the reply's DTSTAMP
    received_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, email_key)
) WITHOUT ROWID;
)sql",
    // Version 4: the language an event's pages and invitations are written in (issue 10).
    R"sql(
ALTER TABLE event ADD COLUMN locale TEXT NOT NULL DEFAULT 'en' CHECK (locale <> '');
)sql",
    // Version 5: registration rebuilt with its status check written as comparisons. SQLite
    // 3.40 compiles `status IN (…)` into a temporary table built for every INSERT, a third of
    // the instructions of a bulk import (bench/README.md). Same rows, same rule.
    R"sql(
CREATE TABLE registration_rebuilt (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    email         TEXT    NOT NULL,  -- as given
    email_key     TEXT    NOT NULL,  -- normalised for the case-insensitive comparison
    organisation  TEXT    NOT NULL DEFAULT '',
    language      TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL DEFAULT 'registered'
                  CHECK (status = 'registered' OR status = 'waitlisted' OR status = 'cancelled'),
    registered_at INTEGER NOT NULL,
    checked_in_at INTEGER,
    UNIQUE (event_id, email_key)
);
INSERT INTO registration_rebuilt (id, event_id, name, email, email_key, organisation, language,
                                  status, registered_at, checked_in_at)
    SELECT id, event_id, name, email, email_key, organisation, language, status, registered_at,
           checked_in_at
    FROM registration;
DROP TABLE registration;
ALTER TABLE registration_rebuilt RENAME TO registration;
CREATE INDEX registration_by_time ON registration (event_id, registered_at, id);
CREATE TRIGGER registration_count_insert AFTER INSERT ON registration BEGIN
    INSERT INTO registration_count (event_id, status, n) VALUES (NEW.event_id, NEW.status, 1)
        ON CONFLICT (event_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER registration_count_delete AFTER DELETE ON registration BEGIN
    UPDATE registration_count SET n = n - 1
        WHERE event_id = OLD.event_id AND status = OLD.status;
END;
CREATE TRIGGER registration_count_update AFTER UPDATE OF event_id, status ON registration
WHEN OLD.event_id IS NOT NEW.event_id OR OLD.status IS NOT NEW.status BEGIN
    UPDATE registration_count SET n = n - 1
        WHERE event_id = OLD.event_id AND status = OLD.status;
    INSERT INTO registration_count (event_id, status, n) VALUES (NEW.event_id, NEW.status, 1)
        ON CONFLICT (event_id, status) DO UPDATE SET n = n + 1;
END;
)sql",
    // Version 6: identities that `db copy` keeps, which renumbers rows. An agenda item's
    // calendar UID and the number frab schedules give an event or an item (<event id="…">)
    // were made from the row id; they are stored now, each with the value already published.
    // An item may have a key, so a setup script can add it again without a duplicate. A
    // registration keeps how far its people's SEQUENCE runs ahead of the event's: one step
    // each time it is cancelled or taken up again, so their messages never go back (a
    // cancelled registration was one step ahead already).
    // And what became of the last message `send` tried to hand to each person, until
    // the ledger records it as sent (issue 31): `pending` from just before the mail system
    // gets it until sent_message holds it (a run that stopped in between leaves it, and the
    // next run holds the message back instead of sending it twice), `temporary` or `permanent`
    // when the mail system refused it (4xx or 5xx), with its reason. One row per person.
    R"sql(
CREATE TABLE agenda_item_rebuilt (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 1),
    title       TEXT    NOT NULL CHECK (title <> ''),
    description TEXT    NOT NULL DEFAULT '',
    kind        TEXT    NOT NULL DEFAULT ''
                CHECK (kind IN ('', 'talk', 'discussion', 'break', 'other')),
    start_utc   INTEGER,
    duration_s  INTEGER CHECK (duration_s IS NULL OR duration_s > 0),
    uid         TEXT    NOT NULL UNIQUE CHECK (uid <> ''),
    schedule_id INTEGER NOT NULL,
    key         TEXT    CHECK (key <> ''),
    UNIQUE (event_id, key)
);
INSERT INTO agenda_item_rebuilt (id, event_id, position, title, description, kind, start_utc,
                                 duration_s, uid, schedule_id)
    SELECT i.id, i.event_id, i.position, i.title, i.description, i.kind, i.start_utc,
           i.duration_s,
           'item-' || i.id || '.' || coalesce((SELECT e.uid FROM event AS e
                                              WHERE e.id = i.event_id), ''),
           i.id
    FROM agenda_item AS i;
DROP TABLE agenda_item;
ALTER TABLE agenda_item_rebuilt RENAME TO agenda_item;
CREATE INDEX agenda_item_by_event ON agenda_item (event_id, position);
CREATE INDEX agenda_item_by_schedule_id ON agenda_item (schedule_id);
ALTER TABLE event ADD COLUMN schedule_id INTEGER NOT NULL DEFAULT 0;
UPDATE event SET schedule_id = id;
CREATE INDEX event_by_schedule_id ON event (schedule_id);
ALTER TABLE registration ADD COLUMN sequence_offset INTEGER NOT NULL DEFAULT 0
    CHECK (sequence_offset >= 0);
UPDATE registration SET sequence_offset = 1 WHERE status = 'cancelled';
CREATE TABLE delivery_attempt (
    event_id     INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    email_key    TEXT    NOT NULL,
    method       TEXT    NOT NULL CHECK (method = 'REQUEST' OR method = 'CANCEL'),
    sequence     INTEGER NOT NULL,
    outcome      TEXT    NOT NULL
                 CHECK (outcome = 'pending' OR outcome = 'temporary' OR outcome = 'permanent'),
    reason       TEXT    NOT NULL DEFAULT '',
    attempted_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, email_key)
) WITHOUT ROWID;
)sql",
    // Version 7: how long each person stayed in the event's online meeting, from its
    // attendance report (`check-in --from`, issue 27); NULL when no report said.
    R"sql(
ALTER TABLE registration ADD COLUMN attended_seconds INTEGER
    CHECK (attended_seconds IS NULL OR attended_seconds >= 0);
)sql",
    // Version 8: a programme (issue 30). A session's track, type and room inside the venue
    // ('' when not said), and the tracks a parent declares with the colour schedule apps show
    // them in ('' or #rrggbb).
    R"sql(
ALTER TABLE event ADD COLUMN track TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN session_type TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN room TEXT NOT NULL DEFAULT '';
CREATE TABLE event_track (
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT    NOT NULL CHECK (name <> ''),
    colour   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, position)
) WITHOUT ROWID;
)sql",
    // Version 9: for registered people only (issue 29). An online event's private meeting link
    // ('' when none), kept apart from the public online_url; and which reminder ('1d', '2h',
    // the duration as the organiser wrote it) each person has had, so that `send` run again
    // from cron sends each one once.
    R"sql(
ALTER TABLE event ADD COLUMN join_url TEXT NOT NULL DEFAULT '';
CREATE TABLE sent_reminder (
    event_id   INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    email_key  TEXT    NOT NULL,
    reminder   TEXT    NOT NULL CHECK (reminder <> ''),
    message_id TEXT    NOT NULL DEFAULT '',
    sent_at    INTEGER NOT NULL,
    PRIMARY KEY (event_id, email_key, reminder)
) WITHOUT ROWID;
)sql",
    // Version 10: the part each organiser plays (issue 29): '' for none, else lead, co-lead,
    // partner, host or sponsor, which pages group organisers by.
    R"sql(
ALTER TABLE event_organiser ADD COLUMN role TEXT NOT NULL DEFAULT ''
    CHECK (role IN ('', 'lead', 'co-lead', 'partner', 'host', 'sponsor'));
)sql",
    // Version 11: the names of each event's custom fields (issue 28). A list's columns are
    // these names; finding them among the event's fields read every field of the event, a
    // sixth of a list of 100,000. Kept by a trigger (and by a bulk import, which turns the
    // triggers off); a name stays when its last field goes, and readers skip such a name.
    R"sql(
CREATE TABLE event_field_name (
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    key      TEXT    NOT NULL,
    PRIMARY KEY (event_id, key)
) WITHOUT ROWID;
CREATE TRIGGER event_field_name_insert AFTER INSERT ON registration_field BEGIN
    INSERT INTO event_field_name (event_id, key)
        SELECT event_id, NEW.key FROM registration WHERE id = NEW.registration_id
        ON CONFLICT DO NOTHING;
END;
INSERT INTO event_field_name (event_id, key)
    SELECT DISTINCT r.event_id, f.key
    FROM registration_field AS f JOIN registration AS r ON r.id = f.registration_id
    WHERE true ON CONFLICT DO NOTHING;
)sql",
    // Version 12: a registration's custom fields in its own row (issue 28): a JSON array of
    // [key, value] pairs in the organiser's order, NULL when there are none. In a table of
    // their own, a list that showed one read a second query beside the rows, and an import
    // wrote a second table with its own trigger. The names follow the column: a trigger on
    // the registration's insert and on each change of its fields (a bulk import, which turns
    // the triggers off, adds them itself).
    R"sql(
ALTER TABLE registration ADD COLUMN fields TEXT;
UPDATE registration SET fields = (
    SELECT json_group_array(json_array(key, value)) FROM (
        SELECT key, value FROM registration_field AS f
        WHERE f.registration_id = registration.id ORDER BY position))
WHERE id IN (SELECT registration_id FROM registration_field);
DROP TABLE registration_field;
CREATE TRIGGER event_field_name_insert AFTER INSERT ON registration
WHEN NEW.fields IS NOT NULL BEGIN
    INSERT INTO event_field_name (event_id, key)
        SELECT NEW.event_id, json_extract(p.value, '$[0]') FROM json_each(NEW.fields) AS p
        WHERE true ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER event_field_name_update AFTER UPDATE OF event_id, fields ON registration
WHEN NEW.fields IS NOT NULL BEGIN
    INSERT INTO event_field_name (event_id, key)
        SELECT NEW.event_id, json_extract(p.value, '$[0]') FROM json_each(NEW.fields) AS p
        WHERE true ON CONFLICT DO NOTHING;
END;
)sql",
};

static_assert(k_migrations.size() == 12, "k_schema_version must match the migrations");

// The tables and columns the migrations leave, which every start checks a database against
// (written out: running the migrations in memory to learn them cost half of a `register`).
// test_database.cpp checks that the migrations, and PostgreSQL's schema, give exactly these.
struct TableShape {
    std::string_view table;
    std::string_view columns;  // comma-separated, in order
};
inline constexpr std::array<TableShape, 14> k_schema_shape{{
    {"agenda_item",
     "id,event_id,position,title,description,kind,start_utc,duration_s,uid,schedule_id,key"},
    {"agenda_point", "item_id,position,text"},
    {"agenda_speaker", "item_id,position,name,role,organisation"},
    {"attendee_reply", "event_id,email_key,partstat,sequence,replied_at,received_at"},
    {"delivery_attempt", "event_id,email_key,method,sequence,outcome,reason,attempted_at"},
    {"event",
     "id,slug,uid,title,description,timezone,all_day,start_utc,end_utc,start_date,end_date,"
     "venue,online_url,registration_url,parent_id,capacity,status,sequence,created_at,"
     "updated_at,locale,schedule_id,track,session_type,room,join_url"},
    {"event_field_name", "event_id,key"},
    {"event_language", "event_id,position,tag"},
    {"event_organiser", "event_id,position,name,role"},
    {"event_track", "event_id,position,name,colour"},
    {"registration",
     "id,event_id,name,email,email_key,organisation,language,status,registered_at,"
     "checked_in_at,sequence_offset,attended_seconds,fields"},
    {"registration_count", "event_id,status,n"},
    {"sent_message",
     "id,event_id,event_uid,recipient,email_key,method,sequence,event_sequence,message_id,"
     "sent_at,schedule"},
    {"sent_reminder", "event_id,email_key,reminder,message_id,sent_at"},
}};

}  // namespace convene::store
