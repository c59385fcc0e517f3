#!/bin/sh
# Alternating A/B runs of the bridge's load generator: two checkouts of the project, each
# with its test classes compiled (mvn -q -pl videobridge test-compile), run one after the
# other, A B A B ..., so that the machine's load drifts over both alike.
#
#   videobridge/src/test/scripts/load-ab.sh /path/to/A /path/to/B PAIRS OUTDIR [generator properties...]
#   e.g. load-ab.sh /work/wt-a /work/wt-b 6 /tmp/ab -Dscenario=star -Dsizes=16,24 -DvideoKbps=500 -Dseconds=10
#
# Each run's output is OUTDIR/<n>-<A|B>.txt; the classpath is each tree's own (dependency:build-classpath).
set -eu
a=$1 b=$2 pairs=$3 out=$4
shift 4
mkdir -p "$out"
for tree in "$a" "$b"; do
  (cd "$tree" && mvn -B -ntp -q -pl videobridge dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$tree/videobridge/target/load-classpath.txt" >/dev/null)
done
run() { # tree, then the generator's properties
  tree=$1
  shift
  cp="$tree/videobridge/target/test-classes:$tree/videobridge/target/classes:$(cat "$tree/videobridge/target/load-classpath.txt")"
  java -Xmx2g -Djava.awt.headless=true "$@" -cp "$cp" org.consilium.videobridge.load.LoadGenerator
}
i=1
while [ "$i" -le "$pairs" ]; do
  for side in A B; do
    if [ "$side" = A ]; then tree=$a; else tree=$b; fi
    date -u +"# %H:%M:%S run $i $side ($tree), load average $(cut -d' ' -f1-3 /proc/loadavg)" > "$out/$i-$side.txt"
    run "$tree" "$@" >> "$out/$i-$side.txt" 2>&1
  done
  i=$((i + 1))
done
