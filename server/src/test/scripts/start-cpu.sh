#!/usr/bin/env bash
# start-cpu.sh server|configure [JVM OPTIONS...]: CPU seconds (user+system) and wall time of
#   server     WildFly with the built EAR, from launch to "started" (WFLYSRV0025), in a
#              throwaway server base (H2, a copy of the build's token; the directory is not
#              needed to start);
#   configure  configure-server.sh on a throwaway copy of the provisioned WildFly (new
#              secrets, token, CLI scripts).
# The JVM options are added to every JVM (through a JAVA_HOME whose java adds them), so
# "-XX:TieredStopAtLevel=1" compares C1 with the default. Needs a built server module
# (mvn -pl server -am package -DskipTests) and softhsm2; ports 8443, 9990, 10000 free.
# What the CPU emulator of the boot test multiplies is the CPU time (docs/performance.md).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
WF=$(ls -d "$ROOT"/server/target/wildfly-*/ | head -n 1)
what=${1:?usage: start-cpu.sh server|configure [JVM OPTIONS...]}; shift
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
real_java=$(readlink -f "$(command -v java)"); real_home=${real_java%/bin/java}
mkdir -p "$T/jdk/bin"
for f in "$real_home"/*; do [[ $(basename "$f") == bin ]] || ln -s "$f" "$T/jdk/"; done
for f in "$real_home"/bin/*; do ln -s "$f" "$T/jdk/bin/"; done
rm "$T/jdk/bin/java"
printf '#!/bin/sh\nexec %s %s "$@"\n' "$real_java" "$*" > "$T/jdk/bin/java"; chmod +x "$T/jdk/bin/java"
export JAVA_HOME=$T/jdk PATH=$T/jdk/bin:$PATH
cpu() { awk -v t="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / t}' "/proc/$1/stat"; }

case $what in
  configure)
    cp -a "$WF" "$T/wildfly"; rm -rf "$T/wildfly/standalone/data/softhsm2" "$T/wildfly/standalone/configuration/consilium"*
    mkdir -p "$T/server/target/cli"; cp -a "$ROOT/server/src" "$T/server/" # its CLI finds ../../../target/cli
    TIMEFORMAT="configure: wall %R s, CPU %U s user + %S s system"
    time bash "$T/server/src/main/scripts/configure-server.sh" "$T/wildfly" "$T/server/target/cli" >/dev/null ;;
  server)
    B=$T/base; mkdir -p "$B"/{configuration,deployments,data,log}
    (cd "$WF/standalone/configuration" && cp consilium.xml consilium-master.cs consilium-secrets.p12 logging.properties \
      mgmt-users.properties mgmt-groups.properties application-users.properties application-roles.properties "$B/configuration/")
    cp "$ROOT/server/target/consilium.ear" "$B/deployments/"
    "$ROOT/server/src/main/scripts/prepare-token.sh" --copy "$WF/standalone/data/softhsm2" "$B/data/softhsm2" >/dev/null
    export SOFTHSM2_CONF=$B/data/softhsm2/softhsm2.conf
    # the heap of the appliance's server (ansible/roles/wildfly/defaults/main.yml)
    export JAVA_OPTS="-Xms512m -Xmx1536m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=384m -Djava.net.preferIPv4Stack=true"
    t0=$SECONDS
    LAUNCH_JBOSS_IN_BACKGROUND=1 "$WF/bin/standalone.sh" -c consilium.xml --stability=community -Djboss.server.base.dir="$B" > "$B/log/console.log" 2>&1 &
    sh=$!
    until grep -q 'WFLYSRV0025\|WFLYSRV0026' "$B/log/server.log" 2>/dev/null; do
      kill -0 "$sh" 2>/dev/null || { echo "the server stopped: $B/log/console.log" >&2; tail -n 20 "$B/log/console.log" >&2; exit 1; }
      ((SECONDS - t0 < 600)) || { kill "$sh"; echo "not started after 600 s" >&2; exit 1; }
      sleep 0.5
    done
    java_pid=$(pgrep -P "$sh" java)
    echo "server: $(grep -o 'started in [0-9]*ms' "$B/log/server.log"), CPU $(cpu "$java_pid") s"
    kill "$sh"; wait "$sh" 2>/dev/null || true ;;
  *) echo "usage: start-cpu.sh server|configure [JVM OPTIONS...]" >&2; exit 2 ;;
esac
