#!/usr/bin/env bash
# Configures the unpacked WildFly for Consilium: a fresh consilium.xml from the dist's
# pristine standalone.xml, this installation's secrets, then the versioned CLI scripts.
set -euo pipefail
WILDFLY_HOME=${1:?usage: configure-server.sh WILDFLY_HOME WORK_DIR}
WORK=${2:?usage: configure-server.sh WILDFLY_HOME WORK_DIR}
here=$(cd "$(dirname "$0")" && pwd)
cli_dir="$here/../cli"

# standalone.xml itself is never modified, so it is always the pristine dist copy.
cp "$WILDFLY_HOME/standalone/configuration/standalone.xml" "$WILDFLY_HOME/standalone/configuration/consilium.xml"
rm -rf "$WILDFLY_HOME/standalone/configuration/standalone_xml_history"
"$here/prepare-secrets.sh" "$WILDFLY_HOME" "$WORK"
out=$(cd "$cli_dir" && "$WILDFLY_HOME/bin/jboss-cli.sh" --file=configure.cli \
      -Dconsilium.cli.work="$WORK" 2>&1) || { echo "$out" >&2; exit 1; }
if grep -q '"outcome" => "failed"\|Failed\|failed' <<<"$out"; then
  echo "$out" >&2
  echo "configure-server: a CLI step failed" >&2
  exit 1
fi
echo "configure-server: $WILDFLY_HOME/standalone/configuration/consilium.xml is ready"
