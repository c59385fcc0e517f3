#!/usr/bin/env bash
# Configures the unpacked WildFly for Consilium: a fresh consilium.xml from the dist's
# pristine standalone.xml, this installation's secrets and token, the JVM settings in
# bin/standalone.conf, then the versioned CLI scripts.
set -euo pipefail
WILDFLY_HOME=${1:?usage: configure-server.sh WILDFLY_HOME WORK_DIR}
WORK=${2:?usage: configure-server.sh WILDFLY_HOME WORK_DIR}
here=$(cd "$(dirname "$0")" && pwd)
cli_dir="$here/../cli"
# shellcheck source-path=SCRIPTDIR source=tool-jvm.sh
source "$here/tool-jvm.sh"

# standalone.xml itself is never modified, so it is always the pristine dist copy.
cp "$WILDFLY_HOME/standalone/configuration/standalone.xml" "$WILDFLY_HOME/standalone/configuration/consilium.xml"
rm -rf "$WILDFLY_HOME/standalone/configuration/standalone_xml_history"
"$here/prepare-secrets.sh" "$WILDFLY_HOME" "$WORK"

# What the server's JVM needs from its launch script, kept between two markers at the end
# of standalone.conf (replaced on every build). The integration tests launch the JVM
# themselves and set the same in arquillian.xml and the failsafe configuration.
conf="$WILDFLY_HOME/bin/standalone.conf"
sed -i '/^# >>> consilium/,/^# <<< consilium/d' "$conf"
cat >> "$conf" <<'CONF'
# >>> consilium (written by configure-server.sh; edits between these markers are lost)
# Elytron configures SunPKCS11, the PKCS#11 provider of the HSM, by reflection.
JAVA_OPTS="$JAVA_OPTS --add-exports=jdk.crypto.cryptoki/sun.security.pkcs11=ALL-UNNAMED"
# Under CPU emulation (systemd-detect-virt: qemu, no hardware virtualisation) the first
# start spends most of its CPU in C2's compilations: C1 only halves it (docs/performance.md).
# Hypervisors with hardware virtualisation (kvm, vmware, microsoft, oracle, ...) keep C2.
if [ "$(systemd-detect-virt --vm 2>/dev/null)" = qemu ]; then
  JAVA_OPTS="$JAVA_OPTS -XX:TieredStopAtLevel=1"
fi
# SoftHSM2 (the development token) reads its configuration from here; a server base other
# than the default sets SOFTHSM2_CONF itself (./consilium run does). A vendor's HSM
# library ignores it.
export SOFTHSM2_CONF="${SOFTHSM2_CONF:-$JBOSS_HOME/standalone/data/softhsm2/softhsm2.conf}"
# <<< consilium
CONF

# The embedded server loads the token's provider and key store while it configures them, so
# it runs with the same flag and token as the server.
out=$(cd "$cli_dir" && JAVA_OPTS="$TOOL_JVM_OPTS --add-exports=jdk.crypto.cryptoki/sun.security.pkcs11=ALL-UNNAMED" \
      SOFTHSM2_CONF="$WILDFLY_HOME/standalone/data/softhsm2/softhsm2.conf" "$WILDFLY_HOME/bin/jboss-cli.sh" --file=configure.cli \
      -Dconsilium.cli.work="$WORK" 2>&1) || { echo "$out" >&2; exit 1; }
if grep -q '"outcome" => "failed"\|Failed\|failed' <<<"$out"; then
  echo "$out" >&2
  echo "configure-server: a CLI step failed" >&2
  exit 1
fi
echo "configure-server: $WILDFLY_HOME/standalone/configuration/consilium.xml is ready"
