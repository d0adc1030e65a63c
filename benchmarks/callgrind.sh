#!/bin/sh
# Deterministic call cost: instructions per call of each call_overhead case under callgrind.
#
#   benchmarks/callgrind.sh [path/to/call_overhead] [calls]
#
# Each case runs `calls` times (default 20000) in its own process; only the instructions inside
# its measured loop are counted (--toggle-collect), so interpreter start-up and warm-up do not
# count. Prints instructions per call and the same ratio table as the timed run. Set KEEP=dir to
# keep the callgrind.out files (e.g. for callgrind_annotate --inclusive=yes).
set -eu

program=${1:-./benchmarks/call_overhead}
calls=${2:-20000}
if [ ! -x "$program" ]; then
    echo "callgrind.sh: no program at '$program' (pass the path of the built call_overhead)" >&2
    exit 1
fi
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind is not installed" >&2; exit 1; }

out=${KEEP:-$(mktemp -d)}
mkdir -p "$out"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$out"' EXIT

# A fixed hash seed makes dict layouts, and so instruction counts, identical run to run.
PYTHONHASHSEED=0
export PYTHONHASHSEED

values=""
for name in $("$program" --list); do
    file="$out/callgrind.out.$(echo "$name" | tr / _)"
    valgrind --tool=callgrind --quiet --callgrind-out-file="$file" \
        --toggle-collect='*measured_loop*' \
        "$program" --count "$calls" --only "$name" >/dev/null
    total=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$file")
    [ -n "$total" ] || total=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$file")
    per_call=$(awk -v t="$total" -v n="$calls" 'BEGIN { printf "%.1f", t / n }')
    values="$values $name=$per_call"
done

echo "callgrind, $calls calls per case, instructions counted inside the measured loop only"
# shellcheck disable=SC2086 # one NAME=VALUE word per case
"$program" --table $values
