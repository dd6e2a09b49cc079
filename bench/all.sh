#!/usr/bin/env bash
# Every row of the performance table (bench/README.md) in one run, each next to its reference
# measured in the same run: the sqlite3 shell for storing and listing, a python3-icalendar
# script and a C loop for invitations. Data is generated here: 100,000 people with accented
# names, mixed-case addresses, organisations in quotes with commas and line breaks.
#
#   bench/all.sh [CONVENE]        RUNS=5 PEOPLE=100000 INVITED=10000 SHORT=20 TMPDIR=… to change
#
# CONVENE defaults to $CONVENE, else build/release/convene, else convene on PATH. Needs sqlite3,
# python3-icalendar, cc and GNU time (Debian: sqlite3 python3-icalendar gcc time).
# Each pair of commands runs RUNS times, alternating (A B A B …), each run on its own fresh
# copy of the data where it writes. Printed: the median wall time of each, and the median of
# the pairwise ratios, of wall time and of CPU time (user + system). On a shared machine the
# CPU ratio is the steadier one; wall time includes waiting for the disk and the scheduler.
# The file writes land in TMPDIR: on tmpfs (/dev/shm) they measure convene, on a busy disk
# they mostly measure the disk.
set -euo pipefail
export LC_ALL=C SOURCE_DATE_EPOCH=1700000000

runs=${RUNS:-5}
people=${PEOPLE:-100000}
invited=${INVITED:-10000}
short=${SHORT:-20}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"
bench_setup "${1:-}"
python=/usr/bin/python3
[[ -x $python ]] || python=python3

# peak_kib COMMAND…: the peak resident memory of the command, in KiB.
peak_kib() { /usr/bin/time -f %M "$@" 2>&1 > /dev/null | tail -n 1; }

echo "Preparing $people people…" >&2
make_people "$people" > people.csv
# By records, not lines: a third of the organisations span two lines (cutting people.csv at
# line 10,001 gave 7,500 people, and the floor wrote 10,000 files against convene's 7,500).
make_people "$invited" > invited.csv
make_people 10000 > people-10k.csv
cc -O2 -o floor "$here/floor.c"
printf '[organiser]\nname = "Mayors Mechanism"\nemail = "events@example.org"\n' > convene.toml

# convene: an event with nobody yet (event.db); the sqlite3 shell: a table with a UNIQUE email
# (bare.db). The same, full: 100,000 people in each (full.db, full-bare.db).
"$convene" --db event.db create-event --title Bench --slug bench --date 2024-01-01 > /dev/null
make_reference_tables people.csv
cp event.db full.db
"$convene" --quiet --db full.db register bench --csv people.csv
"$convene" --quiet --db full.db list attendees bench --format csv > /dev/null  # warm the cache
# The floors: the sqlite3 shell writing what convene writes. floor.db has convene's registration
# table (its columns, checks and indexes, no triggers) and rows.csv the rows convene stored,
# finished (ids, keys, times); floor-full.db is convene's whole database, where an INSERT
# parses its schema and runs its triggers as convene's does. bare-wal.db is bare.db in WAL
# mode, the journal convene keeps so that readers go on while a command writes.
sqlite3 -csv full.db "SELECT id, event_id, name, email, email_key, organisation, language, status,
                             registered_at, checked_in_at, sequence_offset, attended_seconds,
                             fields FROM registration ORDER BY id" > rows.csv
sqlite3 event.db "SELECT sql || ';' FROM sqlite_schema
                  WHERE tbl_name = 'registration' AND type IN ('table', 'index') AND sql IS NOT NULL" |
  sqlite3 floor.db
sqlite3 floor.db "PRAGMA journal_mode = WAL" > /dev/null
cp full.db floor-full.db
cp bare.db bare-wal.db
sqlite3 bare-wal.db "PRAGMA journal_mode = WAL" > /dev/null
# 10,000 invited to a timed event in a zone, with an agenda.
make_invited_event invited.db invited.csv
"$convene" --quiet --db invited.db export-ics imrf --invitations sample
size=$(cat sample/* | wc -c)
size=$((size / invited))
rm -rf sample

fresh() { rm -f "$1" "$1-wal" "$1-shm"; cp "$2" "$1"; }
# Commands that more than one row times (each pair evals its commands).
import='"$convene" --quiet --db run.db register bench --csv people.csv'
shell_import='sqlite3 run-bare.db ".import --csv --skip 1 people.csv registration"'
one_register='for ((k = 0; k < short; k++)); do "$convene" --quiet --db full.db register bench --name "Zoé Nouvelle $n.$k" --email "new.$n.$k@example.org" --organisation "Mairie, 1"; done'
n=0
echo "Measuring, $runs runs of each…" >&2
echo "| work | convene | reference | ratio (wall) | ratio (CPU) | target |"
echo "|---|---|---|---|---|---|"
pair "\`register --csv\` $people rows, fresh event vs \`sqlite3 .import\` (UNIQUE email)" "≤ 1.3" \
  'fresh run.db event.db' "$import" \
  'fresh run-bare.db bare.db' "$shell_import"
pair "the same import vs the floor: \`sqlite3 .import\` of the rows convene stores into its table" "" \
  'fresh run.db event.db' "$import" \
  'fresh run-floor.db floor.db' 'sqlite3 run-floor.db ".import --csv rows.csv registration"'
pair "\`sqlite3 .import\` $people rows: into a WAL database vs into a rollback journal" "" \
  'fresh run-bare.db bare-wal.db' "$shell_import" \
  'fresh run-bare.db bare.db' "$shell_import"
pair "\`list attendees --format csv\` $people rows vs \`sqlite3 -csv\` of the same columns" "≤ 1.2" \
  ':' '"$convene" --db full.db list attendees bench --format csv' \
  ':' 'sqlite3 -csv -header full-bare.db "SELECT name, email, organisation, language, status,
         registered_at, checked_in_at, diet FROM registration ORDER BY rowid"'
# Commands of a few milliseconds run $short times per timed run: the timer counts milliseconds.
pair "one \`register\` into an event of $people vs one \`sqlite3 INSERT\` ($short of each)" "≤ 1.3" \
  'n=$((n + 1))' "$one_register" \
  ':' 'for ((k = 0; k < short; k++)); do sqlite3 full-bare.db "INSERT INTO registration (name, email, organisation) VALUES ('"'"'Zoé Nouvelle $n.$k'"'"', '"'"'new.$n.$k@example.org'"'"', '"'"'Mairie, 1'"'"')"; done'
pair "the same \`register\` vs the floor: one \`sqlite3 INSERT\` of its row into convene's database" "" \
  'n=$((n + 1))' "$one_register" \
  ':' 'for ((k = 0; k < short; k++)); do sqlite3 floor-full.db "INSERT INTO registration (event_id, name, email, email_key, organisation, registered_at) VALUES (1, '"'"'Zoé Nouvelle $n.$k'"'"', '"'"'new.$n.$k@example.org'"'"', '"'"'new.$n.$k@example.org'"'"', '"'"'Mairie, 1'"'"', 1796689689)"; done'
pair "\`export-ics --invitations\` for $invited vs a python3-icalendar script" "≤ 0.1" \
  'rm -rf out' '"$convene" --quiet --db invited.db export-ics imrf --invitations out' \
  'rm -rf out-py' '"$python" "$here/invitations_reference.py" invited.csv out-py'
pair "\`export-ics --invitations\` for $invited vs the floor (C: temporary, write, rename)" "≤ 1.5" \
  'rm -rf out' '"$convene" --quiet --db invited.db export-ics imrf --invitations out' \
  'rm -rf out-floor' './floor "$invited" "$size" out-floor'
pair "the floor with a rename per file vs without (C: open, write)" "" \
  'rm -rf out-floor' './floor "$invited" "$size" out-floor' \
  'rm -rf out-plain' './floor "$invited" "$size" out-plain plain'
pair "\`--help\` vs \`sqlite3 --version\` ($short of each)" "≤ 1.3" \
  ':' 'for ((k = 0; k < short; k++)); do "$convene" --help; done' \
  ':' 'for ((k = 0; k < short; k++)); do sqlite3 --version; done'
pair "\`list events\` (no zone needed) vs \`sqlite3 --version\` ($short of each)" "" \
  ':' 'for ((k = 0; k < short; k++)); do "$convene" --db full.db list events; done' \
  ':' 'for ((k = 0; k < short; k++)); do sqlite3 --version; done'

fresh small.db event.db
"$convene" --quiet --db small.db register bench --csv people-10k.csv
printf '| peak RSS, list attendees 10k → %s rows | %s → %s KiB | | | | ≤ 32 MiB, flat |\n' \
  "$people" "$(peak_kib "$convene" --db small.db list attendees bench --format csv)" \
  "$(peak_kib "$convene" --db full.db list attendees bench --format csv)"
echo
printf '%s, %s, %s runs each, %s, %s\n' "$("$convene" --version)" "$(sqlite3 --version | cut -d' ' -f1)" \
  "$runs" "$(uname -sr)" "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
