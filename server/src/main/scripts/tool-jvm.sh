# shellcheck shell=bash disable=SC2034
# Sourced by the set-up scripts (here and on the appliance): the options of their short-lived
# JVMs (jboss-cli, elytron-tool, keytool). They live for seconds, so C2's compilations and
# G1's threads cost more than they return: C1 and the serial collector halve their CPU time
# (configure-server.sh: 26-29 → 14-15 CPU seconds on 2 cores; docs/performance.md), which
# under CPU emulation is the difference between minutes and a quarter of an hour.
TOOL_JVM_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# keytool takes JVM options with -J
TOOL_KEYTOOL_OPTS=(-J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC)
