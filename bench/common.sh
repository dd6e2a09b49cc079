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
