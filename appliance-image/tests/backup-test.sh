#!/bin/bash
# Test of consilium-backup (create, check, restore) on a stand-in root folder: PostgreSQL's
# tools, runuser and systemctl are stubs that keep "the database" in one file and log their
# calls; consilium-db-password and consilium-apply are stubs too. Checks a round trip (the
# database and the files as they were, a before-restore archive of what was replaced), and
# that every bad archive is refused with its reason and changes nothing.
# The real thing runs in the boot test (appliance-image/boot-test.sh). No root needed.
# shellcheck disable=SC2034 # variables read by check's conditions (eval)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TOOL=$ROOT/ansible/roles/base/files/consilium-backup
WORK=$(mktemp -d "${TMPDIR:-/tmp}/backup-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { if eval "$2"; then ok; else fail "$1"; fi; }

R=$WORK/root BIN=$WORK/bin CALLS=$WORK/calls DB=$WORK/database
mkdir -p "$BIN"
stub() { printf '#!/bin/bash\n%s\n' "$2" > "$BIN/$1"; chmod +x "$BIN/$1"; }
stub runuser 'while [[ $1 != -- ]]; do shift; done; shift; exec "$@"'
stub systemctl 'echo "systemctl $*" >> "$CALLS"'
stub pg_dump '[[ "$*" == "-Fc consilium" ]] || exit 2; cat "$DB"'
stub dropdb 'echo "dropdb $*" >> "$CALLS"; rm -f "$DB"'
stub createdb 'echo "createdb $*" >> "$CALLS"; : > "$DB"'
stub pg_restore 'echo "pg_restore $*" >> "$CALLS"; [[ -z ${FAIL_RESTORE:-} ]] || { echo "pg_restore: error: simulated" >&2; exit 1; }; cat > "$DB"'
stub db-password 'echo "consilium-db-password" >> "$CALLS"'
stub apply 'echo "consilium-apply NO_RESTART=${CONSILIUM_APPLY_NO_RESTART:-}" >> "$CALLS"'
export PATH=$BIN:$PATH CALLS DB CONSILIUM_BACKUP_ROOT=$R CONSILIUM_DB_PASSWORD_TOOL=$BIN/db-password CONSILIUM_APPLY=$BIN/apply TMPDIR=$WORK

# an appliance: settings, credential store, token, set-up work folder, TLS files
mkdir -p "$R/etc/consilium" "$R/opt/consilium" "$R/var/lib/consilium/standalone/configuration" \
  "$R/var/lib/consilium/standalone/data/softhsm2/tokens/t1" "$R/var/lib/consilium/server-work/cli" \
  "$R/var/lib/consilium/tls" "$R/var/lib/consilium/secret-hashes" "$R/var/lib/consilium/standalone/log"
printf 'hostname=consilium-a\nip=10.0.0.5/24\nsession_idle_timeout=PT15M\n' > "$R/etc/consilium/appliance.conf"
echo 0.2.0 > "$R/opt/consilium/VERSION"
echo 'store v1' > "$R/var/lib/consilium/standalone/configuration/consilium-secrets.p12"
echo 'key=k1' > "$R/var/lib/consilium/standalone/configuration/consilium-master.cs"
chmod 600 "$R/var/lib/consilium/standalone/configuration/"*
echo 'token v1' > "$R/var/lib/consilium/standalone/data/softhsm2/tokens/t1/token.object"
echo 'ENC::consilium:abc' > "$R/var/lib/consilium/server-work/cli/credential-store.cli"
echo 'hash' > "$R/var/lib/consilium/secret-hashes/database"
echo 'server log' > "$R/var/lib/consilium/standalone/log/server.log"
echo 'rows of visits and audit, v1' > "$DB"
state() { # the appliance's state: its files (but the backups) and its database
  (cd "$R" && find . -path ./var/backups -prune -o -type f -print | LC_ALL=C sort | xargs -d '\n' sha256sum; stat -c '%n %a' etc/consilium/appliance.conf var/lib/consilium/standalone/configuration/consilium-secrets.p12)
  cat "$DB"
}

# --- create ---------------------------------------------------------------------------------
out=$("$TOOL" 2>&1) || fail "create: $out"
archive=$out
check "create prints the archive's path under /var/backups/consilium ($archive)" '[[ $archive == $R/var/backups/consilium/consilium-backup-consilium-a-*Z.tar.gz && -f $archive ]]'
check "the archive is the owner's only (mode 600)" '[[ $(stat -c %a "$archive") == 600 ]]'
check "the backup folder is the owner's only (mode 700)" '[[ $(stat -c %a "$R/var/backups/consilium") == 700 ]]'
check "no staging folder is left behind" '[[ -z $(find "$R/var/backups/consilium" -name ".stage*") ]]'
check "the server keeps running during a backup" '[[ ! -s $CALLS ]]'
members=$(tar -tzf "$archive")
for m in MANIFEST database.dump files/etc/consilium/appliance.conf \
         files/var/lib/consilium/standalone/configuration/consilium-secrets.p12 \
         files/var/lib/consilium/standalone/data/softhsm2/tokens/t1/token.object \
         files/var/lib/consilium/server-work/cli/credential-store.cli files/var/lib/consilium/secret-hashes/database; do
  check "the archive holds $m" 'grep -qx "$m" <<<"$members"'
done
check "the archive leaves out logs" '! grep -q "log/server.log" <<<"$members"'
manifest=$(tar -xzOf "$archive" MANIFEST)
check "the manifest names format, version and host" 'grep -qx format=consilium-backup-1 <<<"$manifest" && grep -qx version=0.2.0 <<<"$manifest" && grep -qx hostname=consilium-a <<<"$manifest"'
check "the manifest has each file's SHA-256" '[[ $(grep -c "^sha256 [0-9a-f]\{64\}  " <<<"$manifest") == 7 ]]'
check "the dump in the archive is the database" '[[ $(tar -xzOf "$archive" database.dump) == "rows of visits and audit, v1" ]]'
out=$("$TOOL" check "$archive" 2>&1) && ok || fail "check of a good archive: $out"
check "check names the appliance and version" '[[ $out == *"whole backup of consilium-a (Consilium 0.2.0"* ]]'
check "check changes nothing and stops nothing" '[[ ! -s $CALLS ]]'
out=$("$TOOL" create "$WORK/elsewhere" 2>&1) || fail "create DIR: $out"
check "create DIR writes there" '[[ $out == $WORK/elsewhere/consilium-backup-consilium-a-*.tar.gz && -f $out ]]'

# --- restore: a round trip ------------------------------------------------------------------
before=$(state)
echo 'rows of visits and audit, v2 (after the backup)' > "$DB"
sed -i 's/PT15M/PT30M/' "$R/etc/consilium/appliance.conf"
rm "$R/var/lib/consilium/standalone/data/softhsm2/tokens/t1/token.object"
echo 'stray' > "$R/var/lib/consilium/standalone/data/softhsm2/tokens/t1/stray"
echo 'store v2' > "$R/var/lib/consilium/standalone/configuration/consilium-secrets.p12"
changed=$(state)
out=$("$TOOL" restore "$archive" 2>&1) || fail "restore: $out"
check "restore brings back the database and the files exactly (a stray file goes)" '[[ $(state) == "$before" ]]'
check "restore says which archive holds the state before it" '[[ $out == *"the state before this restore: $R/var/backups/consilium/before-restore-consilium-a-"* ]]'
check "restore says what it restored" '[[ $out == *"restored $(basename "$archive") (Consilium 0.2.0"* ]]'
expected='systemctl stop consilium
dropdb --if-exists consilium
createdb -O consilium consilium
pg_restore -d consilium --exit-on-error
consilium-db-password
consilium-apply NO_RESTART=1
systemctl start consilium'
check "restore: stop, new database from the dump, new database password, apply, start: $(tr '\n' ';' < "$CALLS")" '[[ $(cat "$CALLS") == "$expected" ]]'
safety=$(ls "$R"/var/backups/consilium/before-restore-*.tar.gz)
check "the before-restore archive holds the replaced database" '[[ $(tar -xzOf "$safety" database.dump) == "rows of visits and audit, v2 (after the backup)" ]]'
check "the before-restore archive holds the replaced files" '[[ $(tar -xzOf "$safety" files/var/lib/consilium/standalone/configuration/consilium-secrets.p12) == "store v2" ]]'
check "restore leaves no staging folder" '[[ -z $(find "$WORK" -maxdepth 1 -name "consilium-restore.*") ]]'

# --- a failed restore loses nothing: its before-restore archive brings the state back ---------
: > "$CALLS"
rm -f "$R"/var/backups/consilium/before-restore-*
echo 'rows v3' > "$DB"; current=$(state)
if out=$(FAIL_RESTORE=1 "$TOOL" restore "$archive" 2>&1); then fail "a restore whose pg_restore fails succeeded"; else ok; fi
check "the failed restore names the archive to go back with ($out)" '[[ $out == *"restore failed at line"*"consilium-backup restore $R/var/backups/consilium/before-restore-"* ]]'
safety=$(ls "$R"/var/backups/consilium/before-restore-*.tar.gz)
: > "$CALLS"
out=$("$TOOL" restore "$safety" 2>&1) || fail "restore of the before-restore archive: $out"
check "restoring it brings back the state before the failed restore" '[[ $(state) == "$current" ]]'

# --- refusals: each says why and changes nothing --------------------------------------------
refuse() { # refuse WHAT FILE PATTERN: restore FILE fails with PATTERN in its message, nothing changed
  local what=$1 file=$2 pattern=$3 out before archives
  before=$(state); : > "$CALLS"; archives=$(find "$R/var/backups/consilium" -name 'before-restore-*' | wc -l)
  if out=$("$TOOL" restore "$file" 2>&1); then fail "$what: restored"; return; fi
  [[ $out == *"$pattern"* ]] && ok || fail "$what: message '$out', expected '$pattern'"
  [[ $(state) == "$before" ]] && ok || fail "$what: the appliance changed"
  [[ ! -s $CALLS ]] && ok || fail "$what: it did something: $(tr '\n' ';' < "$CALLS")"
  [[ $(find "$R/var/backups/consilium" -name 'before-restore-*' | wc -l) == "$archives" ]] && ok || fail "$what: a before-restore archive was made"
}
# repack DIR OUT: a tar.gz of DIR's MANIFEST, database.dump and files, as create makes them
repack() { tar -C "$1" -czf "$2" MANIFEST database.dump files; }
unpacked() { rm -rf "$WORK/u" && mkdir "$WORK/u" && tar -C "$WORK/u" -xzf "$archive"; }
reseal() { # reseal DIR: rewrites the manifest's checksums (an archive made to look whole)
  local m; m=$(grep -v '^sha256 ' "$1/MANIFEST")
  { echo "$m"; (cd "$1" && find . -type f ! -name MANIFEST -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum | sed 's/^/sha256 /'); } > "$1/MANIFEST.new"
  mv "$1/MANIFEST.new" "$1/MANIFEST"
}

refuse "a missing file" "$WORK/nothing.tar.gz" "no backup file"
head -c 4096 /dev/urandom > "$WORK/random.tar.gz"
refuse "random bytes" "$WORK/random.tar.gz" "not a gzip-compressed tar archive"
head -c "$(($(stat -c %s "$archive") / 2))" "$archive" > "$WORK/truncated.tar.gz"
refuse "a truncated archive" "$WORK/truncated.tar.gz" "damaged"
unpacked; ln -s /etc/shadow "$WORK/u/files/etc/consilium/shadow"; repack "$WORK/u" "$WORK/link.tar.gz"
refuse "a symbolic link" "$WORK/link.tar.gz" "not a file or a folder"
unpacked; mkdir -p "$WORK/u/files/etc/cron.d"; echo '* * * * * root sh' > "$WORK/u/files/etc/cron.d/x"; reseal "$WORK/u"; repack "$WORK/u" "$WORK/outside.tar.gz"
refuse "a path outside the backup's folders" "$WORK/outside.tar.gz" "a path that a backup never has: files/etc/cron.d/"
python3 - "$WORK/dotdot.tar.gz" <<'PY'
import io, sys, tarfile
with tarfile.open(sys.argv[1], "w:gz") as t:
    for name, data in (("MANIFEST", b"format=consilium-backup-1\n"), ("database.dump", b"x"),
                       ("files/etc/consilium/../../cron.d/x", b"* * * * * root sh\n")):
        i = tarfile.TarInfo(name); i.size = len(data); t.addfile(i, io.BytesIO(data))
PY
refuse "a path with .." "$WORK/dotdot.tar.gz" "with .."
unpacked; echo 'tampered' >> "$WORK/u/files/etc/consilium/appliance.conf"; repack "$WORK/u" "$WORK/tampered.tar.gz"
refuse "a changed file" "$WORK/tampered.tar.gz" "checksum does not match"
unpacked; echo 'extra' > "$WORK/u/files/etc/consilium/extra.conf"; repack "$WORK/u" "$WORK/extra.tar.gz"
refuse "a file not in the manifest" "$WORK/extra.tar.gz" "added or missing: files/etc/consilium/extra.conf"
unpacked; rm "$WORK/u/files/var/lib/consilium/secret-hashes/database"; repack "$WORK/u" "$WORK/missing.tar.gz"
refuse "a file missing from the archive" "$WORK/missing.tar.gz" "added or missing: files/var/lib/consilium/secret-hashes/database"
unpacked; rm "$WORK/u/database.dump"; repack "$WORK/u" "$WORK/nodump.tar.gz" 2>/dev/null || tar -C "$WORK/u" -czf "$WORK/nodump.tar.gz" MANIFEST files
refuse "no database dump" "$WORK/nodump.tar.gz" "not a Consilium backup"
unpacked; sed -i 's/^hostname=.*/hostname=consilium-b/' "$WORK/u/MANIFEST"; repack "$WORK/u" "$WORK/otherhost.tar.gz"
refuse "another appliance's backup" "$WORK/otherhost.tar.gz" "the backup is of appliance 'consilium-b', this is 'consilium-a'"
unpacked; sed -i 's/^version=.*/version=0.10.0/' "$WORK/u/MANIFEST"; repack "$WORK/u" "$WORK/newer.tar.gz"
refuse "a backup of a newer version" "$WORK/newer.tar.gz" "newer than this appliance's 0.2.0"
unpacked; sed -i 's/^format=.*/format=consilium-backup-9/' "$WORK/u/MANIFEST"; repack "$WORK/u" "$WORK/format.tar.gz"
refuse "an unknown format" "$WORK/format.tar.gz" "unknown backup format 'consilium-backup-9'"
# an older version's backup is restored (a new appliance from a backup of the old one)
unpacked; sed -i 's/^version=.*/version=0.1.0-SNAPSHOT/' "$WORK/u/MANIFEST"; repack "$WORK/u" "$WORK/older.tar.gz"
: > "$CALLS"
out=$("$TOOL" restore "$WORK/older.tar.gz" 2>&1) && ok || fail "a backup of an older version was refused: $out"
if out=$("$TOOL" restore 2>&1); then fail "restore without a file ran"; else [[ $out == *"usage: consilium-backup restore FILE"* ]] && ok || fail "restore without a file: $out"; fi
if out=$("$TOOL" frobnicate 2>&1); then fail "an unknown command ran"; else [[ $out == *usage* ]] && ok || fail "unknown command: $out"; fi

# without appliance.conf (a first boot that stopped early): the default host name, no failure
mv "$R/etc/consilium/appliance.conf" "$WORK/appliance.conf.aside"
out=$("$TOOL" create "$WORK/noconf" 2>&1) || fail "create without appliance.conf: $out"
check "create without appliance.conf names the default host ($out)" '[[ $out == $WORK/noconf/consilium-backup-consilium-2*.tar.gz ]]'
mv "$WORK/appliance.conf.aside" "$R/etc/consilium/appliance.conf"

# --- the hospital's PostgreSQL (db_host): no dump, said; a restore leaves every database alone --
stub pg_dump 'echo "pg_dump $*" >> "$CALLS"; [[ "$*" == "-Fc consilium" ]] || exit 2; cat "$DB"'
printf 'hostname=consilium-a\nip=10.0.0.5/24\ndb_host=db1.hospital.example\ndb_port=6432\ndb_ca=/etc/consilium/db-ca.pem\n' > "$R/etc/consilium/appliance.conf"
echo 'hospital CA' > "$R/etc/consilium/db-ca.pem"
: > "$CALLS"
rc=0; ext_archive=$("$TOOL" create "$WORK/ext" 2> "$WORK/ext.err") || rc=$?
check "external: create succeeds, prints only the archive ($ext_archive)" '((rc == 0)) && [[ $ext_archive == $WORK/ext/consilium-backup-consilium-a-*.tar.gz && -f $ext_archive ]]'
check "external: no pg_dump ($(tr '\n' ';' < "$CALLS"))" '! grep -q pg_dump "$CALLS"'
check "external: says the hospital's backups cover rooms, visits and the audit trail ($(cat "$WORK/ext.err"))" \
  'grep -q "the database is the hospital.s (db1.hospital.example:6432/consilium), not in this backup: rooms, visits and the audit trail are in the hospital.s PostgreSQL: the hospital.s database backups cover them" "$WORK/ext.err"'
members=$(tar -tzf "$ext_archive")
check "external: no database.dump in the archive" '! grep -qx database.dump <<<"$members"'
for m in files/etc/consilium/appliance.conf files/etc/consilium/db-ca.pem files/var/lib/consilium/standalone/configuration/consilium-secrets.p12 \
         files/var/lib/consilium/standalone/data/softhsm2/tokens/t1/token.object files/var/lib/consilium/secret-hashes/database; do
  check "external: the archive still holds $m" 'grep -qx "$m" <<<"$members"'
done
check "external: the manifest says which database" 'tar -xzOf "$ext_archive" MANIFEST | grep -qx "database=external db1.hospital.example:6432/consilium"'
out=$("$TOOL" check "$ext_archive" 2>&1) && ok || fail "external: check of a good archive: $out"
echo 'store v9' > "$R/var/lib/consilium/standalone/configuration/consilium-secrets.p12"
db_before=$(cat "$DB"); : > "$CALLS"
out=$("$TOOL" restore "$ext_archive" 2>&1) || fail "external: restore: $out"
check "external: restore touches no database, no database password ($(tr '\n' ';' < "$CALLS"))" \
  '! grep -q "dropdb\|createdb\|pg_restore\|consilium-db-password\|postgresql" "$CALLS" && [[ $(cat "$DB") == "$db_before" ]]'
check "external: restore brings the files back" '[[ $(cat "$R/var/lib/consilium/standalone/configuration/consilium-secrets.p12") == "store v1" ]]'
check "external: restore says the database is the hospital's to restore ($out)" \
  '[[ $out == *"no database restored"*"db1.hospital.example:6432/consilium"*"the hospital'"'"'s database backups cover them"*"consilium-db-password"* ]]'
check "external: restore still applies and starts" 'grep -qx "consilium-apply NO_RESTART=1" "$CALLS" && grep -qx "systemctl start consilium" "$CALLS"'
# an archive that says external but holds a dump is not one this tool made
archive_saved=$archive archive=$ext_archive
unpacked; echo 'rows' > "$WORK/u/database.dump"; reseal "$WORK/u"; repack "$WORK/u" "$WORK/extdump.tar.gz"
refuse "external with a dump" "$WORK/extdump.tar.gz" "holds a database dump"
archive=$archive_saved
# a local appliance's archive restored where the appliance now uses the hospital's: the local
# PostgreSQL is started first (it was stopped), then as always
: > "$CALLS"
out=$("$TOOL" restore "$archive" 2>&1) || fail "local archive on an external appliance: $out"
check "local archive, appliance now external: PostgreSQL started before the dump goes in ($(tr '\n' ';' < "$CALLS"))" \
  'grep -q "systemctl start postgresql" "$CALLS" && [[ $(grep -n "systemctl start postgresql" "$CALLS" | cut -d: -f1) -lt $(grep -n "^dropdb" "$CALLS" | cut -d: -f1) ]] && grep -q consilium-db-password "$CALLS"'

echo "backup-test: $passed checks passed, $failed failed"
((failed == 0))
