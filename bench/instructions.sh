#!/usr/bin/env bash
# The hot paths counted in instructions (valgrind's callgrind, user space only): unlike times,
# the counts hardly move when other work shares the machine, so two builds compare on a busy
# one. The kernel's part (creating files, reading pages) is not counted: all.sh times it.
#
#   bench/instructions.sh [CONVENE]     PEOPLE=20000 INVITED=10000 to change
#
# Needs valgrind and sqlite3. Prints one line per path: NAME INSTRUCTIONS, and where all.sh
# has a reference for it, the reference's count on the same data and the ratio.
set -euo pipefail
export LC_ALL=C SOURCE_DATE_EPOCH=1700000000

people=${PEOPLE:-20000}
invited=${INVITED:-10000}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"
bench_setup "${1:-}"

count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 > /dev/null |
    awk '/Collected/ { print $4 }'
}

make_people "$people" > people.csv
make_people "$invited" > invited.csv
printf '[organiser]\nname = "Mayors Mechanism"\nemail = "events@example.org"\n' > convene.toml
"$convene" --db event.db create-event --title Bench --slug bench --date 2024-01-01 > /dev/null
cp event.db empty.db
"$convene" --quiet --db event.db register bench --csv people.csv
make_invited_event invited.db invited.csv

make_reference_tables people.csv  # bare.db and full-bare.db, as all.sh has them

# against NAME CONVENE_COUNT REFERENCE_COUNT: one line with both counts and their ratio.
against() {
  awk -v name="$1" -v a="$2" -v b="$3" \
    'BEGIN { printf "%s %d sqlite3 %d ratio %.2f\n", name, a, b, a / b }'
}

against import "$(count "$convene" --quiet --db empty.db register bench --csv people.csv)" \
  "$(count sqlite3 bare.db ".import --csv --skip 1 people.csv registration")"
against help "$(count "$convene" --help)" "$(count sqlite3 --version)"
echo "list-events $(count "$convene" --db event.db list events)"
cp event.db one.db
against register-one "$(count "$convene" --quiet --db one.db register bench --name 'Zoé Nouvelle' \
  --email new.1@example.org --organisation 'Mairie, 1')" \
  "$(count sqlite3 full-bare.db "INSERT INTO registration (name, email, organisation)
                                 VALUES ('Zoé Nouvelle', 'new.1@example.org', 'Mairie, 1')")"
against list-csv "$(count "$convene" --db event.db list attendees bench --format csv)" \
  "$(count sqlite3 -csv -header full-bare.db "SELECT name, email, organisation, language, status,
                                              registered_at, checked_in_at, diet
                                              FROM registration ORDER BY rowid")"
for format in tsv json; do
  echo "list-$format $(count "$convene" --db event.db list attendees bench --format "$format")"
done
echo "invitations $(count "$convene" --quiet --db invited.db export-ics imrf --invitations out)"
