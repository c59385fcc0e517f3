#!/bin/bash
# Test of the recordings volume (recording_directory, recording_min_free_mb; docs/install.md
# "The recordings volume"):
#   1. recording_dir_ok (consilium-checks.sh): the folder as it is on the disk: no symbolic
#      link on its path, the folders on the way root's alone or the server's, an existing folder
#      only if the server's, a disk-backed writable filesystem, outside the data volume a volume
#      mounted below /srv or /mnt;
#   2. consilium-apply recordings: the folder made (below the server's folders as the server's
#      user, else by root), mode 0700; the server unit's drop-in (ReadWritePaths) for a folder
#      outside /var/lib/consilium, removed again; a second run changes nothing; bad values
#      refused with the key named and nothing made; the recordings left behind said;
#   3. consilium-apply properties: the two system properties.
# A sandbox: the data volume at $WORK/data, /srv and /mnt at $WORK/srv and $WORK/mnt, the user
# running the test stands for root; findmnt stubbed ($WORK/srv/vol a disk-backed volume,
# $WORK/srv/ram tmpfs, $WORK/srv/ro read-only, the rest the appliance's own disk). No root
# needed; as root, the folder made by root for another user is checked too (else skipped, said).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/recordings-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export LC_ALL=C CONSILIUM_CONF=$WORK/appliance.conf CONSILIUM_CHECKS=$ROOT/ansible/roles/base/files/consilium-checks.sh
umask 022
passed=0 failed=0 skipped=()
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
ME=$(id -un)
# a user that is neither the one running the test nor its stand-in for root: the server's in
# the cases where the folders on the way must be "root's"
OTHER=nobody
getent passwd "$OTHER" >/dev/null || { echo "recordings-test: needs a user $OTHER" >&2; exit 1; }
[[ $ME != "$OTHER" ]] || { echo "recordings-test: run it as another user than $OTHER" >&2; exit 1; }

mkdir -p "$WORK/data" "$WORK/srv/vol" "$WORK/srv/ram" "$WORK/srv/ro" "$WORK/srv/plain" "$WORK/mnt" "$WORK/systemd"
chmod 755 "$WORK/data" "$WORK/srv" "$WORK/srv"/* "$WORK/mnt"

# sandbox [SERVICE-USER]: in a shell that sourced the checks (directly or by consilium-apply)
# shellcheck disable=SC2034 # read by the checks
sandbox() {
  SERVICE_USER=${1:-$OTHER}
  TRUSTED_UID=$(id -u)
  RECORDING_DEFAULT_DIR=$WORK/data/recordings
  RECORDING_ROOTS="$WORK/srv $WORK/mnt"
  # shellcheck disable=SC2317 # called by recording_dir_ok
  findmnt() {
    case ${*: -1} in
      "$WORK/srv/vol" | "$WORK/srv/vol/"*) echo "$WORK/srv/vol ext4 rw,relatime" ;;
      "$WORK/srv/ram" | "$WORK/srv/ram/"*) echo "$WORK/srv/ram tmpfs rw,nosuid,nodev" ;;
      "$WORK/srv/ro" | "$WORK/srv/ro/"*) echo "$WORK/srv/ro ext4 ro,relatime" ;;
      *) echo "/ ext4 rw,relatime,errors=remount-ro" ;;
    esac
  }
}

# --- 1. recording_dir_ok -----------------------------------------------------------------------
in_checks() { # in_checks SERVICE-USER COMMAND...
  (
    # shellcheck disable=SC1090 # sourced for its functions
    source "$CONSILIUM_CHECKS"
    sandbox "$1"; shift
    "$@"
  )
}
mkdir -p "$WORK/srv/vol/taken" "$WORK/srv/vol/shared" "$WORK/srv/vol/deep/er"
chmod 775 "$WORK/srv/vol/shared"
touch "$WORK/srv/vol/file"
ln -s "$WORK/srv/vol" "$WORK/srv/link"
mkdir -p "$WORK/data/recordings-mine"
while IFS='|' read -r expect user path reason; do
  [[ -z $expect || $expect == '#'* ]] && continue
  user=${user/@ME@/$ME}; path=${path//@W@/$WORK}
  if why=$(in_checks "$user" recording_dir_ok "$path"); then got=yes; else got=no; fi
  if [[ $got != "$expect" ]]; then fail "recording_dir_ok $path (server: $user): $got, expected $expect ($why)"; continue; fi
  if [[ $got == no && $why != *"$reason"* ]]; then fail "recording_dir_ok $path: reason '$why', expected '$reason'"; continue; fi
  if [[ $got == no && $why == *"$path"* ]]; then fail "recording_dir_ok $path: the reason repeats the path"; continue; fi
  ok
done <<'EOF'
# a new folder on the mounted volume, also several levels down
yes|nobody|@W@/srv/vol/consilium
yes|nobody|@W@/srv/vol/deep/er/consilium
# the data volume's folder, new, or already the server's
yes|nobody|@W@/data/recordings
yes|@ME@|@W@/data/recordings
# an existing folder that is the server's
yes|@ME@|@W@/srv/vol/taken
# not mounted: the appliance's own disk; tmpfs; read-only
no|nobody|@W@/srv/plain/consilium|not on a volume mounted below
no|nobody|@W@/srv/consilium|not on a volume mounted below
no|nobody|@W@/srv/ram/consilium|not on a disk-backed filesystem (tmpfs)
no|nobody|@W@/srv/ro/consilium|on a read-only filesystem
# an existing folder that is not the server's: never handed over
no|nobody|@W@/srv/vol/taken|it exists and is not the server's
no|nobody|@W@/srv/vol|it exists and is not the server's
# on the way: writable by the group, a symbolic link, a file
no|nobody|@W@/srv/vol/shared/consilium|not root's alone
no|nobody|@W@/srv/link/consilium|a symbolic link
no|nobody|@W@/srv/vol/file/consilium|not a folder
# outside the data volume's folder and the roots
no|nobody|@W@/data/recordings-mine|not the data volume's recordings folder nor a folder below
no|nobody|@W@/elsewhere/consilium|not the data volume's recordings folder nor a folder below
no|no-such-user-here|@W@/srv/vol/consilium|no user no-such-user-here
EOF

# --- 2. consilium-apply recordings -------------------------------------------------------------
# in_apply SERVICE-USER COMMAND...: COMMAND in a subshell that sourced consilium-apply, in the
# sandbox, consilium.properties and the unit's drop-in in $WORK, booted; systemctl and the
# server user's commands logged to $WORK/calls (and the latter run as this user)
: > "$WORK/calls"
in_apply() {
  (
    # shellcheck disable=SC1091 # sourced for its functions
    source "$ROOT/ansible/roles/base/files/consilium-apply"
    trap - ERR
    sandbox "$1"; shift
    # shellcheck disable=SC2034 # used by the functions under test
    PROPS=$WORK/consilium.properties RECORDINGS_DROPIN=$WORK/systemd/consilium.service.d/recordings.conf
    # shellcheck disable=SC2317 # called by the functions under test
    {
      booted() { return 0; }
      systemctl() { echo "systemctl $*" >> "$WORK/calls"; }
      chgrp() { :; }
      as_service_user() { echo "as $SERVICE_USER: $*" >> "$WORK/calls"; "$@"; }
    }
    "$@"
    echo "CHANGED: ${CHANGED[*]} unit=$RECORDINGS_UNIT_CHANGED"
  )
}
DROPIN=$WORK/systemd/consilium.service.d/recordings.conf
calls() { cat "$WORK/calls"; }

# the data volume's folder, below the server's folders: made by the server's user, mode 0700,
# no drop-in (the unit may write /var/lib/consilium already); then the properties
printf 'hostname=consilium-1\nrecording_directory=%s\nrecording_min_free_mb=2048\n' "$WORK/data/recordings" > "$CONSILIUM_CONF"
rm -rf "$WORK/data/recordings"
if out=$(in_apply "$ME" apply_recordings 2>&1); then ok; else fail "data volume: refused: $out"; fi
[[ $out == *"CHANGED: recordings unit="* && $out != *"unit=1"* ]] && ok || fail "data volume: not a change, or the unit changed: $out"
[[ -d $WORK/data/recordings && $(stat -c '%U %a' "$WORK/data/recordings") == "$ME 700" ]] && ok \
  || fail "data volume: folder not made, the server's, 0700: $(stat -c '%U %a' "$WORK/data/recordings" 2>&1)"
[[ $(calls) == *"as $ME: mkdir -p -- $WORK/data/recordings"* ]] && ok || fail "data volume: not made as the server's user: $(calls)"
[[ ! -e $DROPIN && $(calls) != *daemon-reload* ]] && ok || fail "data volume: a drop-in, or a daemon-reload: $(calls)"
if out=$(in_apply "$ME" apply_properties 2>&1); then ok; else fail "data volume: properties refused: $out"; fi
for line in "consilium.recording.directory=$WORK/data/recordings" consilium.recording.min-free-mb=2048; do
  grep -qxF "$line" "$WORK/consilium.properties" && ok || fail "data volume: consilium.properties lacks $line"
done
# a second run changes nothing; a mode put wrong is put right, without a restart
: > "$WORK/calls"
out=$(in_apply "$ME" apply_recordings 2>&1)
[[ $out == *"CHANGED:  unit="* && -z $(calls) ]] && ok || fail "data volume: a second run changed something: $out $(calls)"
chmod 755 "$WORK/data/recordings"
out=$(in_apply "$ME" apply_recordings 2>&1)
[[ $out == *"CHANGED: recordings unit=" && $(stat -c %a "$WORK/data/recordings") == 700 ]] && ok || fail "data volume: mode not put right: $out"

# a folder on a mounted volume: the drop-in lets the server write there; made by root for
# the server (as root only: it hands the folder to another user)
if [[ $EUID -eq 0 ]]; then
  printf 'recording_directory=%s\nrecording_min_free_mb=4096\n' "$WORK/srv/vol/rec/consilium" > "$CONSILIUM_CONF"
  : > "$WORK/calls"
  if out=$(in_apply "$OTHER" apply_recordings 2>&1); then ok; else fail "volume: refused: $out"; fi
  [[ $(stat -c '%U %G %a' "$WORK/srv/vol/rec/consilium") == "$OTHER $(id -gn "$OTHER") 700" && $(stat -c '%U %a' "$WORK/srv/vol/rec") == "root 755" ]] && ok \
    || fail "volume: folder not $OTHER's 0700 below a folder root's 0755: $(stat -c '%n %U %a' "$WORK/srv/vol/rec" "$WORK/srv/vol/rec/consilium" 2>&1)"
  [[ $(calls) != *"as $OTHER"* ]] && ok || fail "volume: made as the server's user below root's folders: $(calls)"
  grep -qxF "ReadWritePaths=-$WORK/srv/vol/rec/consilium" "$DROPIN" && grep -qx 'After=remote-fs.target' "$DROPIN" && ok \
    || fail "volume: drop-in: $(cat "$DROPIN" 2>&1)"
  [[ $out == *"unit=1"* && $(calls) == *"systemctl daemon-reload"* ]] && ok || fail "volume: the unit's change not reloaded: $out $(calls)"
  : > "$WORK/calls"
  out=$(in_apply "$OTHER" apply_recordings 2>&1)
  [[ $out == *"CHANGED:  unit="* && -z $(calls) ]] && ok || fail "volume: a second run changed something: $out $(calls)"
  in_apply "$OTHER" apply_properties > "$WORK/out" 2>&1 || fail "volume: properties refused: $(cat "$WORK/out")"
  for line in "consilium.recording.directory=$WORK/srv/vol/rec/consilium" consilium.recording.min-free-mb=4096; do
    grep -qxF "$line" "$WORK/consilium.properties" && ok || fail "volume: consilium.properties lacks $line"
  done
  # back to the data volume's folder: the drop-in goes; the recordings left on the volume are said
  mkdir "$WORK/srv/vol/rec/consilium/0b7e1c52-8a0f-4a8e-9c39-2b1f7b0f4c11"
  printf 'recording_directory=%s\n' "$WORK/data/recordings" > "$CONSILIUM_CONF"
  : > "$WORK/calls"
  out=$(in_apply "$ME" apply_recordings 2>&1)
  [[ ! -e $DROPIN && $out == *"unit=1"* && $(calls) == *"systemctl daemon-reload"* ]] && ok || fail "back: drop-in not removed: $out $(calls)"
  [[ $out == *"the recordings made until now stay in $WORK/srv/vol/rec/consilium"* ]] && ok || fail "back: the recordings left behind not said: $out"
else
  skipped+=("a folder made by root for another user, and its drop-in (needs root)")
fi

# the drop-in without root: a volume folder that already is the server's
printf 'recording_directory=%s\n' "$WORK/srv/vol/taken" > "$CONSILIUM_CONF"
rm -f "$DROPIN"; : > "$WORK/calls"
out=$(in_apply "$ME" apply_recordings 2>&1) || fail "existing volume folder: refused: $out"
grep -qxF "ReadWritePaths=-$WORK/srv/vol/taken" "$DROPIN" 2>/dev/null && ok || fail "existing volume folder: no drop-in: $out"
[[ $(stat -c %a "$WORK/srv/vol/taken") == 700 ]] && ok || fail "existing volume folder: not 0700"
# unset: the drop-in removed, nothing else made
printf 'hostname=consilium-1\n' > "$CONSILIUM_CONF"
: > "$WORK/calls"
out=$(in_apply "$ME" apply_recordings 2>&1)
[[ ! -e $DROPIN && $out == *"CHANGED: recordings unit=1"* ]] && ok || fail "unset: drop-in not removed: $out"
out=$(in_apply "$ME" apply_recordings 2>&1)
[[ $out == *"CHANGED:  unit="* ]] && ok || fail "unset: a second run changed something: $out"
in_apply "$ME" apply_properties > "$WORK/out" 2>&1 || fail "unset: properties refused: $(cat "$WORK/out")"
if grep -q '^consilium\.recording\.' "$WORK/consilium.properties"; then fail "unset: recording properties written"; else ok; fi

# bad values: refused with the key named; nothing made, the drop-in and the properties as they were
printf 'recording_directory=%s\n' "$WORK/srv/vol/taken" > "$CONSILIUM_CONF"
in_apply "$ME" apply_recordings > /dev/null 2>&1
in_apply "$ME" apply_properties > /dev/null 2>&1
cp "$DROPIN" "$WORK/dropin.before"; cp "$WORK/consilium.properties" "$WORK/props.before"
while IFS='|' read -r user key value reason; do
  [[ -z $user || $user == '#'* ]] && continue
  user=${user/@ME@/$ME}; value=${value//@W@/$WORK}
  printf 'recording_directory=%s\n%s=%s\n' "$WORK/srv/vol/taken" "$key" "$value" > "$CONSILIUM_CONF"
  : > "$WORK/calls"
  if out=$(in_apply "$user" apply_recordings 2>&1); then fail "recordings: $key=$value accepted"; continue; fi
  [[ $out == *"consilium-apply: $key="*" in $CONSILIUM_CONF: "*"$reason"*"the recordings section left as it was"* ]] && ok || fail "recordings: $key=$value: message $out"
  [[ ! -e $WORK/srv/plain/consilium && ! -e $WORK/srv/vol/shared/consilium && -z $(calls) ]] && ok || fail "recordings: $key=$value: something made: $(calls)"
  cmp -s "$DROPIN" "$WORK/dropin.before" && ok || fail "recordings: $key=$value: the drop-in changed"
  # the properties section checks the form alone, not the disk (an NTP change from the console
  # runs it: it must not fail on a recordings disk); a folder not there yet is said
  if in_apply "$user" apply_properties > "$WORK/out" 2>&1; then
    case $reason in
      "not on a volume"* | "not root's"*)
        grep -q "is not there yet (consilium-apply recordings makes it)" "$WORK/out" && ok || fail "properties: $key=$value: not said: $(cat "$WORK/out")"
        cp "$WORK/props.before" "$WORK/consilium.properties" ;;
      *) fail "properties: $key=$value accepted" ;;
    esac
  else
    [[ $(cat "$WORK/out") == *"consilium-apply: $key=$value in $CONSILIUM_CONF"*"$reason"* ]] && ok || fail "properties: $key=$value: message $(cat "$WORK/out")"
    cmp -s "$WORK/consilium.properties" "$WORK/props.before" && ok || fail "properties: $key=$value: properties changed"
  fi
done <<'EOF'
@ME@|recording_directory|srv/vol/consilium|not an absolute path
@ME@|recording_directory|@W@/srv/vol/my recordings|not an absolute path
@ME@|recording_directory|@W@/srv/vol/rec;reboot|not an absolute path
@ME@|recording_directory|@W@/srv/vol/../../etc|not an absolute path
@ME@|recording_directory|/etc/consilium/recordings|not the data volume's recordings folder
@ME@|recording_directory|@W@/srv/plain/consilium|not on a volume mounted below
nobody|recording_directory|@W@/srv/vol/shared/consilium|not root's alone
@ME@|recording_min_free_mb|0|not a whole number of MiB from 64 to 1048576
@ME@|recording_min_free_mb|63|not a whole number of MiB from 64 to 1048576
@ME@|recording_min_free_mb|1048577|not a whole number of MiB from 64 to 1048576
@ME@|recording_min_free_mb|1 GiB|not a whole number of MiB from 64 to 1048576
@ME@|recording_min_free_mb|01024|not a whole number of MiB from 64 to 1048576
EOF

for s in "${skipped[@]}"; do echo "recordings-test: skipped: $s"; done
echo "recordings-test: $passed checks passed, $failed failed"
((failed == 0))
