# Sourced by the bench scripts: which convene to measure, and a scratch folder to work in.
#   bench_setup CONVENE_ARGUMENT
# sets $convene (the argument, else $CONVENE, else build/release/convene, else the one on PATH;
# a relative path made absolute) and changes into a temporary folder removed on exit.
bench_setup() {
  local here
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  convene=${1:-${CONVENE:-}}
  if [[ -z $convene ]]; then
    convene=convene
    if [[ -x $here/build/release/convene ]]; then convene=$here/build/release/convene; fi
  fi
  if [[ $convene == */* && $convene != /* ]]; then convene=$PWD/$convene; fi
  work=$(mktemp -d "${TMPDIR:-/tmp}/convene-bench.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  cd "$work"
}

# make_people N > FILE: a registration CSV the way organisers' forms export them: accented
# names, addresses in mixed case, organisations in quotes holding commas and line breaks, and
# one custom column. Row i is the same in every run.
make_people() {
  awk -v n="$1" 'BEGIN {
    split("Zoé Jérôme Ángela Łukasz Søren Chloé Müller François Inès Bjørn", first, " ")
    split("Dupré Núñez Öztürk Nguyễn Kowalczyk Ferreira Løkke Šimůnek Ødegård Le Gall", last, " ")
    print "name,email,organisation,diet"
    for (i = 0; i < n; i++) {
      name = first[i % 10 + 1] " " last[int(i / 10) % 10 + 1] " " i
      email = (i % 7 == 0 ? "Person." i "@Example.ORG" : "person." i "@example.org")
      organisation = (i % 3 == 0 ? "\"Ville de Genève, service " i % 50 "\nBureau " i % 9 "\"" \
                                 : "\"Mairie, " i % 50 "\"")
      printf "%s,%s,%s,%s\n", name, email, organisation, (i % 4 == 0 ? "végétarien" : "")
    }
  }'
}

# make_reference_tables CSV: the sqlite3 shell's side. bare.db has a registration table with a
# UNIQUE email and no rows; full-bare.db the people of CSV, with the columns convene lists.
make_reference_tables() {
  sqlite3 bare.db "CREATE TABLE registration (name TEXT, email TEXT UNIQUE, organisation TEXT,
                                              diet TEXT)"
  cp bare.db full-bare.db
  sqlite3 full-bare.db ".import --csv --skip 1 $1 registration"
  sqlite3 full-bare.db "ALTER TABLE registration ADD COLUMN language TEXT NOT NULL DEFAULT '';
                        ALTER TABLE registration ADD COLUMN status TEXT NOT NULL
                                                            DEFAULT 'registered';
                        ALTER TABLE registration ADD COLUMN registered_at TEXT NOT NULL
                                                            DEFAULT '2026-01-01T00:00:00Z';
                        ALTER TABLE registration ADD COLUMN checked_in_at TEXT"
}

# make_invited_event DB CSV: the seed's briefing ("imrf": a timed event in Europe/Paris, three
# languages, one agenda item) in DB, with the people of CSV registered.
make_invited_event() {
  "$convene" --db "$1" create-event --title "Séance d'information (IMRF)" --slug imrf \
    --start 2022-04-13T15:00 --end 16:00 --tz Europe/Paris --online https://example.org/imrf \
    --registration-url https://example.org/imrf/register --languages en,fr,es \
    --organiser "Mayors Mechanism" --description "Un briefing d'une heure." > /dev/null
  "$convene" --db "$1" add-agenda-item imrf --title "La route vers l'IMRF" \
    --speaker "Monami Maulik; Stakeholder Liaison Officer; UN Network on Migration" > /dev/null
  "$convene" --quiet --db "$1" register imrf --csv "$2"
}

# run_timed VAR COMMAND: runs the command (a string for eval, output thrown away) and appends
# "WALL CPU" in seconds to the array VAR.
run_timed() {
  local -n into=$1
  local TIMEFORMAT='%3R %3U %3S' times wall user sys
  times=$({ time eval "$2" > /dev/null 2> /dev/null; } 2>&1)
  read -r wall user sys <<< "$times"
  into+=("$wall $(awk "BEGIN { print $user + $sys }")")
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# pair LABEL TARGET PREPARE_A A PREPARE_B B: $runs alternating runs of A and B, each after its
# PREPARE (not timed); prints one table row.
pair() {
  local label=$1 target=$2 prepare_a=$3 a=$4 prepare_b=$5 b=$6 i
  local -a times_a=() times_b=()
  for ((i = 0; i < runs; i++)); do
    eval "$prepare_a"
    run_timed times_a "$a"
    eval "$prepare_b"
    run_timed times_b "$b"
  done
  local wall_a wall_b ratio_wall ratio_cpu
  wall_a=$(printf '%s\n' "${times_a[@]}" | awk '{ print $1 }' | median)
  wall_b=$(printf '%s\n' "${times_b[@]}" | awk '{ print $1 }' | median)
  ratio_wall=$(paste -d' ' <(printf '%s\n' "${times_a[@]}") <(printf '%s\n' "${times_b[@]}") |
    awk '{ print $1 / ($3 > 0 ? $3 : 0.001) }' | median)
  ratio_cpu=$(paste -d' ' <(printf '%s\n' "${times_a[@]}") <(printf '%s\n' "${times_b[@]}") |
    awk '{ print $2 / ($4 > 0 ? $4 : 0.001) }' | median)
  printf '| %s | %.3f s | %.3f s | %.2f | %.2f | %s |\n' "$label" "$wall_a" "$wall_b" \
    "$ratio_wall" "$ratio_cpu" "$target"
}

