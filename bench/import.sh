#!/usr/bin/env bash
# How long `register --csv` takes to import many people, next to a reference measured in the
# same run: the sqlite3 shell's own `.import` of the same file into a bare table (no
# validation, no duplicates check, no capacity), the fastest way SQLite itself takes a CSV.
# A ratio says more than seconds on a shared machine.
#
#   bench/import.sh [PEOPLE] [CONVENE]
#
# PEOPLE defaults to 100000; CONVENE to $CONVENE, else build/release/convene (scripts/setup
# builds it), else convene on PATH. Needs the sqlite3 shell (Debian package sqlite3).
# Each command runs three times on a fresh database; the best wall time counts.
set -euo pipefail

people=${1:-100000}
source "$(dirname "$0")/common.sh"
bench_setup "${2:-}"
{
  echo "name,email,organisation,diet"
  for ((i = 0; i < people; i++)); do
    echo "Personne $i,p$i@example.org,\"Ville, $((i % 50))\",végétarien"
  done
} > people.csv

best_ms() {  # COMMAND...: best wall time of three runs, each on a new database
  local best=
  for _ in 1 2 3; do
    rm -f bench.db bench.db-wal bench.db-shm
    "$convene" --db bench.db create-event --title Bench --slug bench --date 2024-01-01 > /dev/null
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null
    end=$(date +%s%N)
    local ms=$(( (end - start) / 1000000 ))
    if [[ -z $best || $ms -lt $best ]]; then best=$ms; fi
  done
  echo "$best"
}

reference=$(best_ms sqlite3 bench.db ".import --csv people.csv bare")
convene_ms=$(best_ms "$convene" --quiet --db bench.db register bench --csv people.csv)
printf '%s people, %s, %s\n' "$people" "$("$convene" --version)" "$(uname -sr)"
printf '%-40s %6s ms\n' "sqlite3 .import (reference)" "$reference"
printf '%-40s %6s ms\n' "convene register --csv" "$convene_ms"
awk "BEGIN { printf \"register --csv: %.1fx the bare import\n\", $convene_ms / ($reference > 0 ? $reference : 1) }"
