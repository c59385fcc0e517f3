#!/bin/bash
# Test of consilium-settings-apply (the root agent behind the console's Settings page),
# without root and without an appliance: a settings directory, an appliance.conf and a
# stub consilium-apply in a temporary folder, the paths given by environment variables.
# Run by ./consilium test (and ./consilium test-appliance); takes a few seconds.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
AGENT=$ROOT/ansible/roles/base/files/consilium-settings-apply
WORK=$(mktemp -d "${TMPDIR:-/tmp}/settings-apply-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export LC_ALL=C

SETTINGS=$WORK/var/settings
ETC=$WORK/etc
export CONSILIUM_CONF=$ETC/appliance.conf
export CONSILIUM_SETTINGS_DIR=$SETTINGS
export CONSILIUM_SETTINGS_GROUP; CONSILIUM_SETTINGS_GROUP=$(id -g)
export CONSILIUM_APPLY=$WORK/consilium-apply
export CONSILIUM_CHECKS=$ROOT/ansible/roles/base/files/consilium-checks.sh
unset INVOCATION_ID
# A value that must never come back: in applied.conf, in the agent's output
MARK=Zq7Xmark
ID=3f2b8c1e-9d4a-4b6e-8f0a-1c2d3e4f5a6b
ID2=0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d

passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { local what=$1; shift; if "$@"; then ok; else fail "$what"; fi; }

cat > "$CONSILIUM_APPLY" <<'EOF'
#!/bin/bash
# stub of consilium-apply: records its arguments and the configuration it was given
echo "$* conf=$CONSILIUM_CONF norestart=${CONSILIUM_APPLY_NO_RESTART:-}" >> "${0%/*}/apply.calls"
# the application writes a new request while this one is applied
if [[ -f ${0%/*}/apply.swap ]]; then mv "${0%/*}/apply.swap" "$CONSILIUM_SETTINGS_DIR/requested.conf"; fi
if [[ -f ${0%/*}/apply.fail ]]; then echo "consilium-apply: failed at line 1: nft" >&2; exit 1; fi
echo "changed: time"; echo "changed: firewall"
EOF
chmod 755 "$CONSILIUM_APPLY"

CONF_TEXT='# Consilium appliance settings (first boot)
# Change them with the Ansible roles.
hostname=consilium-1
ntp_servers=10.0.0.1
directory_url=ldaps://dc1.hospital.example
siem_host=old-siem.hospital.example
  siem_port = 6514
# a comment between
ntp_servers=10.0.0.9
media_port=10000'

# fresh: a new sandbox (directory mode 2770, appliance.conf as above, no answer)
fresh() {
  rm -rf "${WORK:?}/var" "$ETC" "$WORK/apply.calls" "$WORK/apply.fail" "$WORK/apply.swap" "$WORK/outside"
  mkdir -p "$SETTINGS" "$ETC" "$WORK/outside"
  chmod 2770 "$SETTINGS"
  printf '%s\n' "$CONF_TEXT" > "$CONSILIUM_CONF"; chmod 600 "$CONSILIUM_CONF"
  cp "$CONSILIUM_CONF" "$WORK/conf.before"
}
# request LINES...: requested.conf the way the application writes it (temp file + rename)
request() { printf '%s\n' "$@" > "$SETTINGS/.req.tmp"; mv "$SETTINGS/.req.tmp" "$SETTINGS/requested.conf"; }
# run [ARGS]: the agent; its output in $WORK/out, its exit status in $rc
run() { rc=0; timeout 20 "$AGENT" "$@" > "$WORK/out" 2>&1 || rc=$?; }
answer() { sed -n "s/^$1=//p" "$SETTINGS/applied.conf"; }
conf_unchanged() { cmp -s "$CONSILIUM_CONF" "$WORK/conf.before"; }
no_apply() { [[ ! -e $WORK/apply.calls ]]; }
mark_nowhere() { ! grep -rq "$MARK" "$SETTINGS/applied.conf" "$WORK/out"; }
# refused NAME KEYWORD: the last run refused, appliance.conf unchanged, nothing applied,
# the mark nowhere, the message mentioning KEYWORD
refused() {
  check "$1: exit 3 (got $rc: $(cat "$WORK/out"))" test "$rc" = 3
  check "$1: applied.conf is a regular file" test -f "$SETTINGS/applied.conf" -a ! -L "$SETTINGS/applied.conf"
  check "$1: result refused" test "$(answer result)" = refused
  check "$1: message names '$2' ($(answer message))" grep -q "^message=.*$2" "$SETTINGS/applied.conf"
  check "$1: appliance.conf unchanged" conf_unchanged
  check "$1: consilium-apply not run" no_apply
  check "$1: the offending value is not repeated" mark_nowhere
  check "$1: one line each of request_id, result, message, at" \
    test "$(cut -d= -f1 "$SETTINGS/applied.conf" | tr '\n' ' ')" = "request_id result message at "
}

# --- accepted: merged, other lines and comments kept, consilium-apply run -------------
fresh
request "request_id=$ID" "ntp_servers=ntp1.hospital.example,10.20.30.2" "siem_host=siem2.hospital.example" "siem_port=10514"
run
check "accepted: exit 0 (got $rc: $(cat "$WORK/out"))" test "$rc" = 0
check "accepted: result applied" test "$(answer result)" = applied
check "accepted: same request_id" test "$(answer request_id)" = "$ID"
check "accepted: at is ISO-8601 UTC" grep -qE '^at=[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' "$SETTINGS/applied.conf"
check "accepted: message says what changed ($(answer message))" \
  test "$(answer message)" = "applied (appliance.conf updated; changed: time, firewall)"
expected='# Consilium appliance settings (first boot)
# Change them with the Ansible roles.
hostname=consilium-1
ntp_servers=ntp1.hospital.example,10.20.30.2
directory_url=ldaps://dc1.hospital.example
siem_host=siem2.hospital.example
siem_port=10514
# a comment between
media_port=10000'
check "accepted: appliance.conf merged, everything else kept (got: $(cat "$CONSILIUM_CONF"))" \
  test "$(cat "$CONSILIUM_CONF")" = "$expected"
check "accepted: appliance.conf keeps its mode" test "$(stat -c %a "$CONSILIUM_CONF")" = 600
check "accepted: consilium-apply time firewall syslog properties, on that file, no restart" \
  test "$(cat "$WORK/apply.calls")" = "time firewall syslog properties conf=$CONSILIUM_CONF norestart=1"
check "accepted: applied.conf readable by the group only" test "$(stat -c %a "$SETTINGS/applied.conf")" = 640
check "accepted: no temporary file left" test -z "$(find "$SETTINGS" "$ETC" -name '.*' -type f)"
check "accepted: logged" grep -q "request $ID: applied" "$WORK/out"

# --- idempotent: the same request again does nothing; --again applies it once more -----
cp "$CONSILIUM_CONF" "$WORK/conf.after"
run
check "again: exit 0" test "$rc" = 0
check "again: answered already" grep -q 'answered already' "$WORK/out"
check "again: consilium-apply not run twice" test "$(wc -l < "$WORK/apply.calls")" = 1
run --again
check "--again: exit 0" test "$rc" = 0
check "--again: consilium-apply run again" test "$(wc -l < "$WORK/apply.calls")" = 2
check "--again: appliance.conf the same" cmp -s "$CONSILIUM_CONF" "$WORK/conf.after"
check "--again: says the values were there" grep -q 'already held these values' "$SETTINGS/applied.conf"

# --- a new request written while one is applied: handled too ---------------------------
fresh
request "request_id=$ID" "ntp_servers=ntp7.hospital.example"
printf 'request_id=%s\nsiem_host=siem9.hospital.example\n' "$ID2" > "$WORK/apply.swap"
run
check "request during a run: exit 0 (got $rc: $(cat "$WORK/out"))" test "$rc" = 0
check "request during a run: said so" grep -q 'changed meanwhile: once more' "$WORK/out"
check "request during a run: consilium-apply run twice" test "$(wc -l < "$WORK/apply.calls")" = 2
check "request during a run: the answer is for the new request" test "$(answer request_id)" = "$ID2" -a "$(answer result)" = applied
check "request during a run: both merged" \
  test "$(grep -E '^(ntp_servers|siem_host)=' "$CONSILIUM_CONF" | tr '\n' ' ')" = "ntp_servers=ntp7.hospital.example siem_host=siem9.hospital.example "

# --- empty NTP list and SIEM host (switching them off), keys left out kept -------------
fresh
request "request_id=$ID" "ntp_servers=" "siem_host="
run
check "empty values: applied" test "$rc" = 0 -a "$(answer result)" = applied
check "empty values: ntp_servers= and siem_host=, siem_port kept" \
  test "$(grep -E '^ *(ntp_servers|siem_host|siem_port)' "$CONSILIUM_CONF" | tr '\n' ' ')" = "ntp_servers= siem_host=   siem_port = 6514 "
fresh
printf 'hostname=x\n' > "$CONSILIUM_CONF"; cp "$CONSILIUM_CONF" "$WORK/conf.before"
request "request_id=$ID" "siem_host=192.0.2.7" "siem_port=6514"
run
check "new keys: appended" test "$(cat "$CONSILIUM_CONF")" = "$(printf 'hostname=x\nsiem_host=192.0.2.7\nsiem_port=6514')"

# --- refusals ---------------------------------------------------------------------------
fresh; request "request_id=$ID" "ntp_servers=10.0.0.1" "admin_ssh_key=$MARK"
run; refused "unknown key" "unknown key admin_ssh_key"
check "unknown key: the request_id is given back" test "$(answer request_id)" = "$ID"

# the recordings volume is IT's (appliance.conf or Ansible, consilium-apply recordings): the
# server never names a folder for root to make and hand to it
fresh; request "request_id=$ID" "recording_directory=/srv/$MARK"
run; refused "recordings folder from the console" "unknown key recording_directory"
fresh; request "request_id=$ID" "recording_min_free_mb=64"
run; refused "recordings free space from the console" "unknown key recording_min_free_mb"

fresh; request "request_id=$ID" "siem_host=evil;$MARK.example"
run; refused "bad host" "siem_host: not a host name"
for bad in "-$MARK.example" "$MARK-.example" "a..$MARK" "$MARK.example." "$MARK x" "${MARK}_x.example" \
           "999.1.1.1" "10.0.0.300" "1.2.3" "010.0.0.1" "127.0.0.1" "0.0.0.0" "224.0.0.1" "localhost" \
           "$MARK.123" "$(printf 'a%.0s' {1..64}).$MARK"; do
  fresh; request "request_id=$ID" "siem_host=$bad"
  run; refused "bad host '$bad'" "siem_host: not"
done
fresh; request "request_id=$ID" "ntp_servers=$(printf 'ntp%s.hospital.example,' 1 2 3 4 5 6 7 8)ntp9.$MARK"
run; refused "9 NTP servers" "ntp_servers: 9 servers, at most 8"
fresh; request "request_id=$ID" "ntp_servers=ntp1.hospital.example,,$MARK"
run; refused "empty NTP entry" "ntp_servers: an empty entry"
fresh; request "request_id=$ID" "ntp_servers=ntp1.hospital.example,$MARK/24"
run; refused "bad NTP entry" "ntp_servers: an entry is not"
fresh; request "request_id=$ID" "siem_host=siem.hospital.example" "siem_port=70000"
run; refused "port 70000" "siem_port: not a port number"
check "port 70000: not repeated" bash -c "! grep -q 70000 '$SETTINGS/applied.conf' '$WORK/out'"
for bad in 0 065535 65536 "" "6514 " "+6514" "1e3"; do
  fresh; request "request_id=$ID" "siem_port=$bad"
  run; refused "port '$bad'" "siem_port: not a port number"
done
fresh; request "request_id=not-a-uuid-$MARK" "siem_host=siem.hospital.example"
run; refused "bad request_id" "request_id: not a UUID"
check "bad request_id: request_id left empty" test -z "$(answer request_id)"
fresh; request "siem_host=siem.hospital.example"
run; refused "no request_id" "request_id is missing"
fresh; request "request_id=$ID" "siem_host=a.example" "siem_host=b.example"
run; refused "duplicate key" "siem_host is given twice"
fresh; request "request_id=$ID" "# a comment $MARK"
run; refused "comment line" "a line is not KEY=VALUE"
fresh; request "request_id=$ID" "SIEM_HOST=$MARK"
run; refused "upper-case key" "a line is not KEY=VALUE"
fresh; printf 'request_id=%s\r\nsiem_host=%s\r\n' "$ID" "$MARK" > "$SETTINGS/requested.conf"
run; refused "CR LF" "bytes other than printable ASCII"
fresh; printf 'request_id=%s\nsiem_host=a\0%s\n' "$ID" "$MARK" > "$SETTINGS/requested.conf"
run; refused "NUL byte" "bytes other than printable ASCII"

# a symbolic link to a file root may read: never read, never followed
fresh
printf 'request_id=%s\nsiem_host=%s.example\n' "$ID2" "$MARK" > "$WORK/outside/secret"
ln -s "$WORK/outside/secret" "$SETTINGS/requested.conf"
run; refused "symlinked requested.conf" "it is a symbolic link"
check "symlinked requested.conf: its target's request_id not taken" test -z "$(answer request_id)"
fresh
ln -s "$WORK/outside/nothing" "$SETTINGS/requested.conf"
run; refused "dangling symlink" "it is a symbolic link"
fresh
mkfifo "$SETTINGS/requested.conf"
run; refused "FIFO" "it is not a regular file"
fresh
mkdir "$SETTINGS/requested.conf"
run; refused "directory" "it is not a regular file"
fresh
request "request_id=$ID" "siem_host=siem.hospital.example"
ln "$SETTINGS/requested.conf" "$WORK/outside/hardlink"
run; refused "hard link" "it has other hard links"
fresh
{ echo "request_id=$ID"; echo "siem_host=siem.hospital.example"; printf 'ntp_servers=%s\n' "$MARK"; head -c 5000 /dev/zero | tr '\0' 'x'; echo; } > "$SETTINGS/requested.conf"
run; refused "oversize" "larger than 4096 bytes"
fresh
{ echo "request_id=$ID"; printf 'ntp_servers=%s' "$(head -c 4080 /dev/zero | tr '\0' 'a')"; } > "$SETTINGS/requested.conf"
check "4 KiB limit: test file just over" test "$(stat -c %s "$SETTINGS/requested.conf")" -gt 4096
run; refused "just over 4 KiB" "larger than 4096 bytes"

# --- applied.conf: a symbolic link planted there is replaced, not followed ------------------
fresh
printf 'precious\n' > "$WORK/outside/victim"
ln -s "$WORK/outside/victim" "$SETTINGS/applied.conf"
request "request_id=$ID" "siem_host=siem.hospital.example"
run
check "planted applied.conf link: applied (rc $rc)" test "$rc" = 0
check "planted applied.conf link: its target untouched" test "$(cat "$WORK/outside/victim")" = precious
check "planted applied.conf link: replaced by a regular file" test -f "$SETTINGS/applied.conf" -a ! -L "$SETTINGS/applied.conf"
# a symbolic link as the previous answer does not count as "answered already"
fresh
printf 'request_id=%s\nresult=applied\n' "$ID" > "$WORK/outside/fake"
ln -s "$WORK/outside/fake" "$SETTINGS/applied.conf"
request "request_id=$ID" "siem_host=siem.hospital.example"
run
check "linked previous answer: ignored, the request applied" test "$rc" = 0 -a -s "$WORK/apply.calls"

# --- the settings directory itself -----------------------------------------------------------
fresh
mv "$SETTINGS" "$WORK/outside/real"; ln -s "$WORK/outside" "$SETTINGS"
request "request_id=$ID" "siem_host=siem.hospital.example"
run
check "directory swapped for a link to another directory: refused to work (rc $rc)" test "$rc" = 1
check "directory swapped: nothing written there" test ! -e "$WORK/outside/applied.conf"
check "directory swapped: appliance.conf unchanged" conf_unchanged
check "directory swapped: says why" grep -q 'mode 2770: nothing done' "$WORK/out"
fresh; chmod 0777 "$SETTINGS"
request "request_id=$ID" "siem_host=siem.hospital.example"
run
check "world-writable directory: refused to work" test "$rc" = 1 -a ! -e "$SETTINGS/applied.conf"
fresh; chmod 2770 "$SETTINGS"
run
check "no request: exit 0, nothing written" test "$rc" = 0 -a ! -e "$SETTINGS/applied.conf"

# --- consilium-apply fails: answered "failed", tried again next time ------------------------
fresh
touch "$WORK/apply.fail"
request "request_id=$ID" "ntp_servers=ntp1.hospital.example"
run
check "apply fails: exit 1" test "$rc" = 1
check "apply fails: result failed" test "$(answer result)" = failed
check "apply fails: message points at the journal" grep -q 'journalctl -u consilium-settings' "$SETTINGS/applied.conf"
check "apply fails: its error is logged" grep -q 'consilium-apply: consilium-apply: failed at line 1' "$WORK/out"
rm "$WORK/apply.fail"
run
check "apply fails: the next run tries again and applies" test "$rc" = 0 -a "$(answer result)" = applied

echo "settings-apply-test: $passed checks passed, $failed failed"
((failed == 0))
