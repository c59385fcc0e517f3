# shellcheck shell=bash disable=SC2034
# Sourced by the set-up scripts (here and on the appliance): the options of their short-lived
# JVMs (jboss-cli, elytron-tool, keytool). They live for seconds, so C2's compilations and
# G1's threads cost more than they return: C1 and the serial collector halve their CPU time
# (configure-server.sh: about 30 → 15 CPU seconds; docs/performance.md), which under CPU
# emulation is several minutes of a first boot.
TOOL_JVM_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# the same for keytool, which takes JVM options with -J
TOOL_KEYTOOL_OPTS=()
for _o in $TOOL_JVM_OPTS; do TOOL_KEYTOOL_OPTS+=("-J$_o"); done
unset _o
