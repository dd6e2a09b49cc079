#!/usr/bin/env bash
# How long export-ics takes to write invitations for many people, next to a reference measured
# in the same run on the same database: `list attendees --format csv`, which reads the same rows
# and writes one line per person. A ratio says more than seconds on a shared machine.
#
#   bench/invitations.sh [PEOPLE] [CONVENE]
#
# PEOPLE defaults to 10000; CONVENE to $CONVENE, else build/release/convene (scripts/setup
# builds it), else convene on PATH.
# Each command runs five times; the best time counts (the others met a busy machine). Time
# spent in the kernel creating files dominates and varies with the load on the disk, so the
# script also times creating as many empty files with touch.
set -euo pipefail

people=${1:-10000}
source "$(dirname "$0")/common.sh"
bench_setup "${2:-}"
export SOURCE_DATE_EPOCH=1700000000
printf '[organiser]\nname = "Mayors Mechanism"\nemail = "events@example.org"\n' > convene.toml

event=$("$convene" create-event --title "Séance d'information (IMRF)" \
  --start 2022-04-13T15:00 --end 16:00 --tz Europe/Paris --online https://example.org/imrf \
  --registration-url https://example.org/imrf/register \
  --languages en,fr,es --organiser "Mayors Mechanism" --description "Un briefing d'une heure.")
"$convene" add-agenda-item "$event" --title "La route vers l'IMRF" \
  --speaker "Monami Maulik; Stakeholder Liaison Officer; UN Network on Migration" >/dev/null
{
  echo "name,email,organisation"
  for ((i = 0; i < people; i++)); do echo "Personne $i,p$i@example.org,\"Ville, $((i % 50))\""; done
} > people.csv
"$convene" --quiet register "$event" --csv people.csv

# Best of five runs: "REAL_MS USER_MS SYS_MS" of the run with the least wall time. The output
# folder is emptied before each run.
measure() {
  local best= TIMEFORMAT='%R %U %S'
  for _ in 1 2 3 4 5; do
    rm -rf out
    local times
    times=$({ time "$@" > /dev/null; } 2>&1)
    read -r real user sys <<< "$times"
    local ms=$(( 10#${real/./} ))
    if [[ -z $best || $ms -lt ${best%% *} ]]; then
      best="$ms $(( 10#${user/./} )) $(( 10#${sys/./} ))"
    fi
  done
  echo "$best"
}

# The two references: the same rows read and printed (no files), and the bare cost of creating
# as many files on this file system (touch, many names per process).
touch_files() { mkdir out && cd out && seq -f "p%.0f.ics" 1 "$people" | xargs touch && cd ..; }

reference=$(measure "$convene" list attendees "$event" --format csv)
floor=$(measure touch_files)
ics=$(measure "$convene" --quiet export-ics "$event" --invitations out)
files=$(ls out | wc -l)
eml=$(measure "$convene" --quiet export-ics "$event" --invitations out --eml)

row() {  # LABEL "REAL USER SYS"
  read -r real user sys <<< "$2"
  printf '%-44s %6s ms  (user %s ms, system %s ms)\n' "$1" "$real" "$user" "$sys"
}
printf '%s people, %s, %s\n' "$people" "$("$convene" --version)" "$(uname -sr)"
row "list attendees --format csv (reference)" "$reference"
row "touch $people files (file system floor)" "$floor"
row "export-ics --invitations DIR ($files files)" "$ics"
row "export-ics --invitations DIR --eml" "$eml"
ratio() { awk "BEGIN { printf \"%.1f\", ${1%% *} / (${2%% *} > 0 ? ${2%% *} : 1) }"; }
printf 'invitations: %sx the list, %sx the file-system floor; e-mails: %sx the floor\n' \
  "$(ratio "$ics" "$reference")" "$(ratio "$ics" "$floor")" "$(ratio "$eml" "$floor")"
