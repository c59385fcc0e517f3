#!/bin/bash
# Test of consilium-apply's properties section (appliance.conf → consilium.properties):
# the application's settings are mapped, checked (ISO-8601 durations within the
# application's bounds, the TOTP issuer's characters, the recordings folder's path and free
# space; the folder itself: recordings-test.sh) and refused with the key named; the
# cluster's properties (peers as addresses with this appliance's own, its cluster address,
# the member name), written only with cluster_peers, their settings checked likewise.
# Sources consilium-apply (functions only) with the paths redirected; no root, no appliance.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/apply-properties-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export CONSILIUM_CONF=$WORK/appliance.conf
export CONSILIUM_CHECKS=$ROOT/ansible/roles/base/files/consilium-checks.sh
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# in_apply COMMAND...: runs COMMAND in a subshell that sourced consilium-apply, with
# consilium.properties redirected to $WORK and no chgrp
in_apply() {
  (
    # shellcheck disable=SC1091 # sourced for its functions
    source "$ROOT/ansible/roles/base/files/consilium-apply"
    trap - ERR
    # shellcheck disable=SC2034 # used by apply_properties
    PROPS=$WORK/consilium.properties
    # shellcheck disable=SC2317 # called by apply_properties
    chgrp() { :; }
    # not booted (no waiting for the network); the routes and names of a made-up network:
    # FAKE_ROUTE_SRC the source address towards any peer (empty: no route), FAKE_ADDR the
    # first global address (empty: none); consilium-3.hospital.example is 10.20.30.43
    booted() { return 1; }
    ip() {
      case "$*" in
        "-4 -o route get 127."*) echo "local $5 dev lo src 127.0.0.1 uid 0 \\    cache <local>" ;;
        "-4 -o route get "*) [[ -n ${FAKE_ROUTE_SRC:-} ]] || return 2
                             echo "$5 via 10.20.30.1 dev eth0 src $FAKE_ROUTE_SRC uid 0 \\    cache" ;;
        "-4 -o addr show scope global") [[ -z ${FAKE_ADDR:-} ]] || echo "2: eth0    inet $FAKE_ADDR/24 brd 10.20.30.255 scope global eth0" ;;
        *) echo "unexpected: ip $*" >&2; return 2 ;;
      esac
    }
    getent() {
      case "$*" in
        "ahostsv4 consilium-3.hospital.example") echo "10.20.30.43     STREAM consilium-3.hospital.example" ;;
        "ahostsv4 consilium-2") echo "127.0.1.1       STREAM consilium-2" ;; # its own name, /etc/hosts
        *) return 2 ;;
      esac
    }
    "$@"
  )
}

# --- duration_ok VALUE MIN MAX ---------------------------------------------------------------
while read -r expect value min max; do
  if in_apply duration_ok "$value" "$min" "${max:-}"; then got=yes; else got=no; fi
  if [[ $got == "$expect" ]]; then ok; else fail "duration_ok $value $min ${max:-}: $got, expected $expect"; fi
done <<'EOF'
yes PT2M 0 86400
yes PT0S 0 86400
no PT0S 1 43200
yes PT15M 1 43200
yes PT12H 1 43200
no PT12H0.5S 1 43200
no PT12H1S 1 43200
yes P7D 1 604800
yes PT168H 1 604800
yes P7DT0.000S 1 604800
no P7DT1S 1 604800
no P8D 1 604800
yes PT86400S 0 86400
no PT86400.1S 0 86400
no PT0.5S 1 43200
yes PT1.5S 1 43200
yes P1DT2H3M4.25S 1
yes PT999999999H 1
no pt2m 0 86400
no P 0 86400
no PT 0 86400
no P1DT 0 86400
no -PT1M 0 86400
no PT-1M 0 86400
no P1W 0 86400
no P1M 0 86400
no PT1.5M 0 86400
no 2M 0 86400
no PT2M; 0 86400
no PT1234567890S 0
EOF

# --- the properties file -----------------------------------------------------------------------
cat > "$CONSILIUM_CONF" <<'EOF'
hostname=consilium-1
siem_host=siem.hospital.example
session_idle_timeout=PT30M
call_empty_room_timeout=PT5M
call_max_visit_length=PT8H
call_reconnect_grace=PT2M
admin_totp_lockout=PT30M
admin_totp_issuer=Consilium St Mary (ICU)
cascade_participants_per_bridge=150
media_port=10000
media_tcp_port=4443
recording_directory=/srv/recordings/consilium
recording_min_free_mb=2048
EOF
if in_apply apply_properties > "$WORK/out" 2>&1; then ok; else fail "apply_properties with good values: $(cat "$WORK/out")"; fi
for line in consilium.session.idle-timeout=PT30M consilium.call.empty-room-timeout=PT5M \
            consilium.media.port=10000 consilium.media.tcp-port=4443 \
            consilium.call.max-visit-length=PT8H consilium.call.reconnect-grace=PT2M consilium.admin.totp.lockout=PT30M \
            "consilium.admin.totp.issuer=Consilium St Mary (ICU)" consilium.siem.host=siem.hospital.example \
            consilium.cluster.cascade.participants-per-bridge=150 \
            consilium.recording.directory=/srv/recordings/consilium consilium.recording.min-free-mb=2048 \
            consilium.appliance.settings-dir=/var/lib/consilium/settings; do
  if grep -qxF "$line" "$WORK/consilium.properties" 2>/dev/null; then ok; else fail "consilium.properties lacks $line"; fi
done

# unset: the application's defaults (no line at all)
printf 'hostname=consilium-1\nsession_idle_timeout=\n' > "$CONSILIUM_CONF"
rm -f "$WORK/consilium.properties"
in_apply apply_properties > "$WORK/out" 2>&1 || fail "apply_properties without the settings: $(cat "$WORK/out")"
if grep -qE '^consilium\.(session|call|admin|recording)\.' "$WORK/consilium.properties"; then fail "unset settings written"; else ok; fi
if grep -qx 'consilium.appliance.settings-dir=/var/lib/consilium/settings' "$WORK/consilium.properties"; then ok; else fail "settings-dir always written"; fi

# the reconnect grace at its bounds: PT0S (a drop is a leave) and PT10M are written as given
for value in PT0S PT10M; do
  printf 'hostname=consilium-1\ncall_reconnect_grace=%s\n' "$value" > "$CONSILIUM_CONF"
  if in_apply apply_properties > "$WORK/out" 2>&1 && grep -qxF "consilium.call.reconnect-grace=$value" "$WORK/consilium.properties"; then
    ok
  else
    fail "call_reconnect_grace=$value: $(cat "$WORK/out")"
  fi
done
printf 'hostname=consilium-1\nsession_idle_timeout=\n' > "$CONSILIUM_CONF"
in_apply apply_properties > "$WORK/out" 2>&1 || fail "apply_properties without the settings: $(cat "$WORK/out")"

# bad values: refused with the key named, the properties file left as it was
cp "$WORK/consilium.properties" "$WORK/before"
while IFS='|' read -r key value; do
  printf 'hostname=consilium-1\n%s=%s\n' "$key" "$value" > "$CONSILIUM_CONF"
  if in_apply apply_properties > "$WORK/out" 2>&1; then
    fail "$key=$value accepted"
  else
    if grep -q "consilium-apply: $key=.* is not " "$WORK/out"; then ok; else fail "$key=$value: message $(cat "$WORK/out")"; fi
    if cmp -s "$WORK/before" "$WORK/consilium.properties"; then ok; else fail "$key=$value: properties changed"; fi
  fi
done <<'EOF'
session_idle_timeout|15m
session_idle_timeout|PT0S
session_idle_timeout|PT13H
call_empty_room_timeout|PT25H
call_empty_room_timeout|2 minutes
call_max_visit_length|P8D
call_max_visit_length|PT0S
call_reconnect_grace|PT10M0.5S
call_reconnect_grace|PT11M
call_reconnect_grace|-PT1S
call_reconnect_grace|60s
admin_totp_lockout|PT0S
admin_totp_lockout|P1W
admin_totp_issuer|Consilium:ICU
admin_totp_issuer|Consilium ICU 
admin_totp_issuer|Consilium\u0041
admin_totp_issuer|Hôpital
cascade_participants_per_bridge|0
cascade_participants_per_bridge|10001
cascade_participants_per_bridge|-5
cascade_participants_per_bridge|100 people
cascade_participants_per_bridge|1e3
recording_min_free_mb|63
recording_min_free_mb|1048577
recording_min_free_mb|2 GiB
recording_min_free_mb|-1024
EOF

# --- the cluster's properties ------------------------------------------------------------------
cluster_case() { # cluster_case WHAT 'conf lines' 'expected|lines' ['absent|patterns']: apply_properties
  local what=$1 want absent line
  printf '%b\n' "$2" > "$CONSILIUM_CONF"; rm -f "$WORK/consilium.properties"
  if ! in_apply apply_properties > "$WORK/out" 2>&1; then fail "$what: apply_properties failed: $(cat "$WORK/out")"; return; fi
  IFS='|' read -r -a want <<<"$3"
  for line in "${want[@]}"; do
    if grep -qxF "$line" "$WORK/consilium.properties"; then ok; else fail "$what: no $line in: $(grep -E 'cluster|node' "$WORK/consilium.properties")"; fi
  done
  [[ -n ${4:-} ]] || return 0
  IFS='|' read -r -a absent <<<"$4"
  for line in "${absent[@]}"; do
    if grep -q "$line" "$WORK/consilium.properties"; then fail "$what: $line written"; else ok; fi
  done
}
# the route to the first peer gives this appliance's address; names resolved; itself first, once
export FAKE_ROUTE_SRC=10.20.30.42 FAKE_ADDR=10.20.30.99
cluster_case "peers, address by route" \
  'hostname=consilium-2\nnode_id=consilium-b\ncluster_peers=10.20.30.41,consilium-3.hospital.example,10.20.30.42' \
  'consilium.cluster.bind-address=10.20.30.42|consilium.cluster.peers=10.20.30.42[7600],10.20.30.41[7600],10.20.30.43[7600]|jboss.node.name=consilium-b|consilium.node.id=consilium-b'
# a shared address (keepalived): the bridge is told it, without its prefix, never to offer it for media
cluster_case "shared address" 'hostname=consilium-2\ncluster_peers=10.20.30.41\ncluster_vip=10.20.30.50/24' \
  'consilium.cluster.vip=10.20.30.50|consilium.cluster.bind-address=10.20.30.42'
# its own host name first in the list (127.0.1.1 in /etc/hosts): itself, listed once, and
# its address from the route to the next peer
cluster_case "own host name listed" 'hostname=consilium-2\ncluster_peers=consilium-2,10.20.30.41' \
  'consilium.cluster.peers=10.20.30.42[7600],10.20.30.41[7600]' '127.0.1.1'
# cluster_address wins; node_id unset: the host name
cluster_case "cluster_address given" 'hostname=consilium-2\ncluster_peers=10.20.30.41\ncluster_address=10.40.0.2' \
  'consilium.cluster.bind-address=10.40.0.2|consilium.cluster.peers=10.40.0.2[7600],10.20.30.41[7600]|jboss.node.name=consilium-2'
# no route to the peer: the static address, else the first global one
FAKE_ROUTE_SRC='' cluster_case "no route, static address" 'hostname=consilium-2\nip=10.20.30.44/24\ncluster_peers=10.20.30.41' \
  'consilium.cluster.bind-address=10.20.30.44'
FAKE_ROUTE_SRC='' cluster_case "no route, DHCP" 'hostname=consilium-2\nip=dhcp\ncluster_peers=10.20.30.41' \
  'consilium.cluster.bind-address=10.20.30.99'
# a peer that does not resolve is left out, and said
cluster_case "unresolvable peer" 'hostname=consilium-2\ncluster_peers=10.20.30.41,nowhere.hospital.example' \
  'consilium.cluster.peers=10.20.30.42[7600],10.20.30.41[7600]' 'nowhere'
if grep -q "cannot resolve the cluster peer nowhere.hospital.example" "$WORK/out"; then ok; else fail "unresolvable peer: not said: $(cat "$WORK/out")"; fi
# no address at all: peers and member name but no bind address (the server stays alone, as
# its dashboard shows), and said
FAKE_ROUTE_SRC='' FAKE_ADDR='' cluster_case "no address found" 'hostname=consilium-2\ncluster_peers=10.20.30.41' \
  'consilium.cluster.peers=10.20.30.41[7600]|jboss.node.name=consilium-2' 'bind-address'
if grep -q "address on the cluster network was not found (set cluster_address)" "$WORK/out"; then ok; else fail "no address: not said: $(cat "$WORK/out")"; fi
# no peers: nothing of the cluster (a single appliance stays alone on loopback)
cluster_case "no peers" 'hostname=consilium-2\nnode_id=consilium-b\ncluster_peers=\ncluster_address=10.40.0.2' \
  'consilium.node.id=consilium-b' 'consilium.cluster|jboss.node.name'
# bad cluster settings: refused with the key named, the properties left as they were
printf 'hostname=consilium-2\ncluster_peers=10.20.30.41\n' > "$CONSILIUM_CONF"
in_apply apply_properties > "$WORK/out" 2>&1 || fail "cluster: good settings refused: $(cat "$WORK/out")"
cp "$WORK/consilium.properties" "$WORK/before"
while IFS='|' read -r key value reason; do
  printf 'hostname=consilium-2\ncluster_peers=10.20.30.41\n%s=%s\n' "$key" "$value" > "$CONSILIUM_CONF"
  if in_apply apply_properties > "$WORK/out" 2>&1; then
    fail "$key=$value accepted"
  else
    if grep -q "consilium-apply: $key=.* in .*: $reason" "$WORK/out"; then ok; else fail "$key=$value: message $(cat "$WORK/out")"; fi
    if cmp -s "$WORK/before" "$WORK/consilium.properties"; then ok; else fail "$key=$value: properties changed"; fi
  fi
done <<'EOF'
cluster_address|127.0.0.1|not a unicast address
cluster_address|224.0.0.5|not a unicast address
cluster_address|consilium-2.hospital.example|not a dotted IPv4 address
cluster_address|10.20.30.42/24|not a dotted IPv4 address
cluster_peers|10.20.30.41;10.20.30.43|an entry is not
cluster_peers|10.20.30.41,,10.20.30.43|an empty entry
cluster_peers|10.20.30.41,localhost|an entry is not another host
node_id|Consilium_2|not lower-case letters
recording_directory|srv/recordings|not an absolute path
recording_directory|/srv/my recordings|not an absolute path
recording_directory|/srv/recordings/$(reboot)|not an absolute path
recording_directory|/etc/cron.d|not the data volume's recordings folder
recording_directory|/srv|not the data volume's recordings folder
EOF

echo "apply-properties-test: $passed checks passed, $failed failed"
((failed == 0))
