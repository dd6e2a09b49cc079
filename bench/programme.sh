#!/usr/bin/env bash
# A conference programme of 500 sessions in 10 rooms over 5 days (issue 30): how long
# import-schedule takes to read its schedule.xml into a new database and again into the same one
# (every talk unchanged), and how long list events, show of the parent and export-schedule
# (XML and JSON) take on it. Each should stay well under a second on a 2-core machine.
#
#   bench/programme.sh [TALKS] [CONVENE]
#
# TALKS defaults to 500; CONVENE to $CONVENE, else build/release/convene, else convene on PATH.
# Each command runs three times; the best wall time counts.
set -euo pipefail
shopt -s inherit_errexit

talks=${1:-500}
source "$(dirname "$0")/common.sh"
bench_setup "${2:-}"

# A pretalx-shaped schedule.xml: talks of 30 to 75 minutes, ten rooms, five days from 09:00.
awk -v n="$talks" 'BEGIN {
  print "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
  print "<schedule><version>1</version><conference><acronym>bench</acronym>"
  print "<title>Conférence de banc d’essai</title><start>2026-09-07</start><end>2026-09-11</end>"
  print "<days>5</days><time_zone_name>Europe/Paris</time_zone_name>"
  for (t = 0; t < 4; t++) printf "<track name=\"Piste %d\" color=\"#1f77b%d\"/>", t, t
  print "</conference>"
  per_day = int((n + 4) / 5)
  for (d = 0; d < 5; d++) {
    printf "<day index=\"%d\" date=\"2026-09-%02d\">\n", d + 1, 7 + d
    for (r = 0; r < 10; r++) {
      printf "<room name=\"Salle %d\">\n", r
      for (i = r; i < per_day && d * per_day + i < n; i += 10) {
        id = d * per_day + i + 1
        minute = 9 * 60 + int(i / 10) * 80
        printf "<event guid=\"00000000-0000-4000-8000-%012d\" id=\"%d\">", id, id
        printf "<date>2026-09-%02dT%02d:%02d:00+02:00</date>", 7 + d, int(minute / 60), minute % 60
        span = 30 + (id % 4) * 15
        printf "<duration>%02d:%02d</duration><room>Salle %d</room>", int(span / 60), span % 60, r
        printf "<title>Exposé %d : villes, migrations et climat</title>", id
        printf "<track>Piste %d</track><type>Talk</type><language>fr</language>", id % 4
        printf "<abstract>Résumé de l’exposé %d.</abstract>", id
        printf "<persons><person id=\"%d\">Oratrice %d</person></persons></event>\n", id, id
      }
      print "</room>"
    }
    print "</day>"
  }
  print "</schedule>"
}' > schedule.xml

best_ms() {  # COMMAND...: best wall time of three runs
  local best=
  for _ in 1 2 3; do
    if [[ ${fresh:-} == 1 ]]; then rm -f bench.db bench.db-wal bench.db-shm; fi
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null
    end=$(date +%s%N)
    local ms=$(((end - start) / 1000000))
    if [[ -z $best || $ms -lt $best ]]; then best=$ms; fi
  done
  echo "$best"
}

row() { printf '| %-44s | %6s ms |\n' "$1" "$2"; }
echo "| $talks sessions, 10 rooms, 5 days | best of 3 |"
echo "|---|---|"
# Each measure is assigned first, so that a failing command stops the script.
ms=$(fresh=1 best_ms "$convene" --quiet --db bench.db import-schedule schedule.xml)
row "import-schedule into a new database" "$ms"
ms=$(best_ms "$convene" --quiet --db bench.db import-schedule schedule.xml)
row "import-schedule again (all unchanged)" "$ms"
ms=$(best_ms "$convene" --db bench.db --format csv list events)
row "list events --format csv" "$ms"
ms=$(best_ms "$convene" --db bench.db show bench)
row "show bench (the parent)" "$ms"
ms=$(best_ms "$convene" --db bench.db export-schedule bench)
row "export-schedule (XML)" "$ms"
ms=$(best_ms "$convene" --db bench.db --format frab-json export-schedule bench)
row "export-schedule --format frab-json" "$ms"
sessions=$("$convene" --db bench.db --format csv list events --no-header | wc -l)
echo "($sessions events in the database)"
