#!/usr/bin/env bash
# Whether convene stays flat at scale (issue 28): one event of 1,000,000 registrations against
# one of 100,000, a database of 10,000 events against one of 1,000, and an attendance report of
# 10,000 people against one of 1,000. Work that reads every row (import, list attendees, stats,
# list events, check-in --from) must cost at most twice as much per row at
# the larger size; work of one command (one register, slug completion) at most twice as much
# in all; peak memory must not grow with the size.
#
#   bench/scale.sh [CONVENE]        SMALL=100000 LARGE=1000000 EVENTS_SMALL=1000
#                                   EVENTS_LARGE=10000 PRESENT_SMALL=1000 PRESENT_LARGE=10000
#                                   RUNS=3 TMPDIR=… to change
#
# CONVENE defaults to $CONVENE, else build/release/convene, else convene on PATH. Needs GNU
# time (Debian: time). Run it with TMPDIR=/dev/shm: on a disk, the one `register` after copying
# the 190 MB database of a million waits for that copy's writes (103 ms against 5 ms on tmpfs). Each measure is the median of RUNS runs; the ratio column is the larger
# size's cost per row (or per command) over the smaller's, and must stay ≤ 2.
set -euo pipefail
export LC_ALL=C SOURCE_DATE_EPOCH=1700000000

small=${SMALL:-100000}
large=${LARGE:-1000000}
events_small=${EVENTS_SMALL:-1000}
events_large=${EVENTS_LARGE:-10000}
present_small=${PRESENT_SMALL:-1000}
present_large=${PRESENT_LARGE:-10000}
runs=${RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"
bench_setup "${1:-}"

# median_ms PREPARE COMMAND: the median wall time of RUNS runs of COMMAND, PREPARE before each.
median_ms() {
  local times=() start end
  for ((r = 0; r < runs; r++)); do
    eval "$1"
    start=$(date +%s%N)
    eval "$2" > /dev/null
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}
peak_mib() { /usr/bin/time -f %M bash -c "$1" 2>&1 > /dev/null | tail -n 1 | awk '{ printf "%.1f", $1 / 1024 }'; }

# row WHAT SMALL_MS LARGE_MS SMALL_N LARGE_N: the costs and the per-row (or per-command) ratio.
row() {
  awk -v what="$1" -v a="$2" -v b="$3" -v n="$4" -v m="$5" 'BEGIN {
    ratio = (a > 0 ? (b / m) / (a / n) : 0)
    printf "| %s | %d ms | %d ms | %.2f | %s |\n", what, a, b, ratio, (ratio <= 2 ? "ok" : "MISSED")
  }'
}

# A schedule of N talks (import-schedule makes N + 1 events in one process).
make_schedule() {
  awk -v n="$1" 'BEGIN {
    print "<schedule><conference><title>Échelle</title><start>2026-01-01</start>"
    print "<end>2026-12-31</end><time_zone_name>Europe/Paris</time_zone_name></conference>"
    print "<day><room name=\"Salle\">"
    for (i = 1; i <= n; i++) {
      day = (i % 360)
      printf "<event guid=\"00000000-0000-4000-8000-%012d\" id=\"%d\">", i, i
      printf "<date>2026-%02d-%02dT10:00:00+01:00</date><duration>01:00</duration>", int(day / 30) + 1, day % 28 + 1
      printf "<title>Séance %d</title></event>\n", i
    }
    print "</room></day></schedule>"
  }'
}

# A Zoom participants report of N people, one stay each, one in five without an address (found
# by name), and the registrations it matches: the briefing's meeting on 13 April 2022.
make_report() {
  awk -v n="$1" 'BEGIN {
    print "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent,In Waiting Room"
    for (i = 0; i < n; i++) {
      printf "Personne %d,%s,04/13/2022 03:00:00 PM,04/13/2022 03:50:00 PM,50,No,Yes,No\n", i, (i % 5 == 0 ? "" : "personne." i "@example.org")
    }
  }'
}
make_registered() {
  awk -v n="$1" 'BEGIN { print "name,email"; for (i = 0; i < n; i++) printf "Personne %d,personne.%d@example.org\n", i, i }'
}
echo "Preparing $small and $large people, $events_small and $events_large events…" >&2
make_people "$small" > small.csv
make_people "$large" > large.csv
"$convene" --db empty.db create-event --title Bench --slug bench --date 2024-01-01 > /dev/null
for size in small large; do
  cp empty.db "$size.db"
  "$convene" --quiet --db "$size.db" register bench --csv "$size.csv"
done
make_schedule "$events_small" > events-small.xml
make_schedule "$events_large" > events-large.xml
for size in small large; do
  "$convene" --quiet --db "events-$size.db" import-schedule "events-$size.xml" --parent echelle > /dev/null
done

for size in small large; do
  n=$([[ $size == small ]] && echo "$present_small" || echo "$present_large")
  make_report "$n" > "report-$size.csv"
  make_registered "$n" > "registered-$size.csv"
  "$convene" --db "meeting-$size.db" create-event --title Séance --slug seance \
    --start 2022-04-13T15:00 --end 16:00 --tz Europe/Paris > /dev/null
  "$convene" --quiet --db "meeting-$size.db" register seance --csv "registered-$size.csv"
done
fresh() { rm -f run.db run.db-wal run.db-shm; cp "$1" run.db; }
echo "| work | at the smaller size | at the larger size | ratio (per row or command) | ≤ 2 |"
echo "|---|---|---|---|---|"
row "\`register --csv\` $small → $large rows" \
  "$(median_ms 'fresh empty.db' '"$convene" --quiet --db run.db register bench --csv small.csv')" \
  "$(median_ms 'fresh empty.db' '"$convene" --quiet --db run.db register bench --csv large.csv')" \
  "$small" "$large"
row "\`list attendees --format csv\` $small → $large" \
  "$(median_ms : '"$convene" --db small.db list attendees bench --format csv')" \
  "$(median_ms : '"$convene" --db large.db list attendees bench --format csv')" "$small" "$large"
row "\`stats\` of $small → $large" \
  "$(median_ms : '"$convene" --db small.db stats bench')" \
  "$(median_ms : '"$convene" --db large.db stats bench')" "$small" "$large"
k=0
row "one \`register\` into $small → $large (per command)" \
  "$(median_ms 'fresh small.db; k=$((k + 1))' '"$convene" --quiet --db run.db register bench --name "Zoé $k" --email "z$k@example.org"')" \
  "$(median_ms 'fresh large.db; k=$((k + 1))' '"$convene" --quiet --db run.db register bench --name "Zoé $k" --email "z$k@example.org"')" 1 1
row "\`list events\` of $events_small → $events_large events" \
  "$(median_ms : '"$convene" --db events-small.db --format csv list events')" \
  "$(median_ms : '"$convene" --db events-large.db --format csv list events')" \
  "$events_small" "$events_large"
row "one \`register\` among $events_small → $events_large events (per command)" \
  "$(median_ms 'fresh events-small.db; k=$((k + 1))' '"$convene" --quiet --db run.db register echelle --name "Zoé $k" --email "z$k@example.org"')" \
  "$(median_ms 'fresh events-large.db; k=$((k + 1))' '"$convene" --quiet --db run.db register echelle --name "Zoé $k" --email "z$k@example.org"')" 1 1
row "slug completion among $events_small → $events_large events (per command)" \
  "$(median_ms : '"$convene" __complete --db events-small.db show seance-5')" \
  "$(median_ms : '"$convene" __complete --db events-large.db show seance-5')" 1 1
row "\`check-in --from\` a report of $present_small → $present_large people" \
  "$(median_ms 'fresh meeting-small.db' '"$convene" --quiet --db run.db check-in seance --from report-small.csv --report-zone Europe/Paris')" \
  "$(median_ms 'fresh meeting-large.db' '"$convene" --quiet --db run.db check-in seance --from report-large.csv --report-zone Europe/Paris')" \
  "$present_small" "$present_large"
echo
echo "| peak memory (MiB) | $small | $large |"
echo "|---|---|---|"
echo "| \`register --csv\` | $(fresh empty.db; peak_mib "\"$convene\" --quiet --db run.db register bench --csv small.csv") | $(fresh empty.db; peak_mib "\"$convene\" --quiet --db run.db register bench --csv large.csv") |"
echo "| \`list attendees --format csv\` | $(peak_mib "\"$convene\" --db small.db list attendees bench --format csv") | $(peak_mib "\"$convene\" --db large.db list attendees bench --format csv") |"
echo "| \`stats\` | $(peak_mib "\"$convene\" --db small.db stats bench") | $(peak_mib "\"$convene\" --db large.db stats bench") |"
