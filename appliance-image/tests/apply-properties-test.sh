#!/bin/bash
# Test of consilium-apply's properties section (appliance.conf → consilium.properties):
# the application's settings are mapped, checked (ISO-8601 durations within the
# application's bounds, the TOTP issuer's characters) and refused with the key named.
# Sources consilium-apply (functions only) with the paths redirected; no root, no appliance.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/apply-properties-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export CONSILIUM_CONF=$WORK/appliance.conf
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
media_port=10000
media_tcp_port=4443
EOF
if in_apply apply_properties > "$WORK/out" 2>&1; then ok; else fail "apply_properties with good values: $(cat "$WORK/out")"; fi
for line in consilium.session.idle-timeout=PT30M consilium.call.empty-room-timeout=PT5M \
            consilium.media.port=10000 consilium.media.tcp-port=4443 \
            consilium.call.max-visit-length=PT8H consilium.call.reconnect-grace=PT2M consilium.admin.totp.lockout=PT30M \
            "consilium.admin.totp.issuer=Consilium St Mary (ICU)" consilium.siem.host=siem.hospital.example \
            consilium.appliance.settings-dir=/var/lib/consilium/settings; do
  if grep -qxF "$line" "$WORK/consilium.properties" 2>/dev/null; then ok; else fail "consilium.properties lacks $line"; fi
done

# unset: the application's defaults (no line at all)
printf 'hostname=consilium-1\nsession_idle_timeout=\n' > "$CONSILIUM_CONF"
rm -f "$WORK/consilium.properties"
in_apply apply_properties > "$WORK/out" 2>&1 || fail "apply_properties without the settings: $(cat "$WORK/out")"
if grep -qE '^consilium\.(session|call|admin)\.' "$WORK/consilium.properties"; then fail "unset settings written"; else ok; fi
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
EOF

echo "apply-properties-test: $passed checks passed, $failed failed"
((failed == 0))
