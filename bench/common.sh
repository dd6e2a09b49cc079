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
