#!/bin/sh
# Recorded visits, alternating: the bridge's load generator without recording (A), then with
# every publisher recorded and encrypted (B), PAIRS times; each run's output, with the host's
# load before it, in OUT/run-NN-{plain,recorded}.txt. See docs/performance.md.
#   recording/src/test/scripts/recorded-visits-ab.sh PAIRS OUT [more -D options for the benchmark]
set -eu
pairs=$1
out=$2
shift 2
mkdir -p "$out"
cd "$(dirname "$0")/../../.."
n=0
for pair in $(seq 1 "$pairs"); do
    for record in false true; do
        n=$((n + 1))
        name=$(printf 'run-%02d-%s' "$n" "$([ "$record" = true ] && echo recorded || echo plain)")
        {
            echo "# $(date -u +%FT%TZ) $(cut -d' ' -f1-3 /proc/loadavg) cpu-pressure $(head -1 /proc/pressure/cpu 2>/dev/null)" \
                "failsafe: $(pgrep -f failsafe >/dev/null && echo running || echo none)"
            mvn -B -o -q -Pbenchmark exec:exec -Dbenchmark=RecordedVisitsBenchmark -Drecord="$record" "$@" 2>&1 \
                | grep -v '^INFO:\|PM org\.consilium'
        } > "$out/$name.txt"
        grep '^| \(yes\|no\) ' "$out/$name.txt" || echo "$name: no row (see $out/$name.txt)"
    done
done
