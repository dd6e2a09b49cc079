#!/usr/bin/env bash
# The hot paths counted in instructions (valgrind's callgrind, user space only): unlike times,
# the counts hardly move when other work shares the machine, so two builds compare on a busy
# one. The kernel's part (creating files, reading pages) is not counted: all.sh times it.
#
#   bench/instructions.sh [CONVENE]     PEOPLE=20000 INVITED=10000 to change
#
# Needs valgrind. Prints one line per path: NAME INSTRUCTIONS.
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

echo "import $(count "$convene" --quiet --db empty.db register bench --csv people.csv)"
echo "help $(count "$convene" --help)"
echo "list-events $(count "$convene" --db event.db list events)"
cp event.db one.db
echo "register-one $(count "$convene" --quiet --db one.db register bench --name 'Zoé Nouvelle' \
  --email new.1@example.org --organisation 'Mairie, 1')"
for format in csv tsv json; do
  echo "list-$format $(count "$convene" --db event.db list attendees bench --format "$format")"
done
echo "invitations $(count "$convene" --quiet --db invited.db export-ics imrf --invitations out)"
