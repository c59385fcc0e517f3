#!/bin/bash
# Test of the hospital's shared PostgreSQL (db_host and its companions; docs/install.md "A
# shared database"):
#   1. consilium-apply properties: the JDBC URL with TLS fully verified (sslmode=verify-full,
#      sslrootcert the CA copied to its place, root:consilium 0640), the role; without db_host
#      exactly the local lines; back and forth each a change; every bad value refused with its
#      key named and nothing changed;
#   2. the firewall: out to db_host:db_port (names resolved) only when set;
#   3. consilium-apply database: the local PostgreSQL stopped and disabled, no local role
#      made; back: enabled, started, its role a new password; each said, a second run quiet;
#   4. consilium-db-password: the hospital role's password from standard input or typed twice
#      at a terminal, into the credential store (alias database), never an argument, never
#      printed; the same again changes nothing; bad input refused;
#   5. the first boot: what the answers need, appliance.conf without the password, the
#      password to its tool on standard input.
# systemctl, runuser, consilium-secret are stubs; no root, no appliance.
# shellcheck disable=SC2034 # variables read by check's conditions (eval)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FILES=$ROOT/ansible/roles/base/files
DBPW=$ROOT/ansible/roles/postgresql/files/consilium-db-password
WORK=$(mktemp -d "${TMPDIR:-/tmp}/shared-database-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export LC_ALL=C CONSILIUM_CONF=$WORK/appliance.conf CONSILIUM_CHECKS=$FILES/consilium-checks.sh
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { if eval "$2"; then ok; else fail "$1"; fi; }
# a value that must never be printed back nor be an argument (it stands for the password)
MARK=Zq7Xmark

# the hospital's CA, and things that are not it
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$WORK/ca.key" \
  -out "$WORK/ca.pem" -subj "/CN=Test Hospital CA" -days 2 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$WORK/ca2.key" \
  -out "$WORK/ca2.pem" -subj "/CN=Another Hospital CA" -days 2 2>/dev/null
echo "not a certificate" > "$WORK/notpem.pem"
printf -- '-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n' > "$WORK/broken.pem"
cat "$WORK/ca.key" "$WORK/ca.pem" > "$WORK/withkey.pem"
mkdir -p "$WORK/etc"
CA_AT=$WORK/etc/db-ca.pem

# in_apply COMMAND...: COMMAND in a subshell that sourced consilium-apply: consilium.properties,
# /etc/consilium and the CA's place in $WORK; booted; systemctl and runuser stubs logging to
# $WORK/calls (postgresql's state: $WORK/pg-enabled, $WORK/pg-active); names resolve to the
# made-up network's addresses; after COMMAND, "CHANGED: ..." the sections it changed
: > "$WORK/calls"
in_apply() {
  (
    # shellcheck disable=SC1091 # sourced for its functions
    source "$FILES/consilium-apply"
    trap - ERR
    PROPS=$WORK/consilium.properties ETC=$WORK/etc DB_CA=$CA_AT DB_PASSWORD_TOOL=$WORK/db-password-tool BASE=$WORK/base
    # shellcheck disable=SC2317 # called by the functions under test
    {
      chgrp() { echo "chgrp $*" >> "$WORK/calls"; }
      booted() { return 0; }
      running() { systemctl is-active -q "$1"; }
      systemctl() {
        echo "systemctl $*" >> "$WORK/calls"
        case "$*" in
          "is-enabled postgresql") if [[ -f $WORK/pg-masked ]]; then echo masked; return 1; fi
                                  if [[ -f $WORK/pg-enabled ]]; then echo enabled; else echo disabled; return 1; fi ;;
          "is-active -q postgresql") [[ -f $WORK/pg-active ]] ;;
          "disable -q postgresql") rm -f "$WORK/pg-enabled" ;;
          "enable -q postgresql") touch "$WORK/pg-enabled" ;;
          "mask -q postgresql") touch "$WORK/pg-masked" ;;
          "unmask -q postgresql") rm -f "$WORK/pg-masked" ;;
          "stop postgresql") rm -f "$WORK/pg-active" ;;
          "start postgresql") touch "$WORK/pg-active" ;;
          *) return 1 ;;
        esac
      }
      runuser() { echo "runuser $*" >> "$WORK/calls"; [[ "$*" == *"select 1 from pg_roles"* ]] && echo 1; return 0; }
      getent() {
        case "$*" in
          "ahostsv4 db1.hospital.example") printf '10.20.30.61     STREAM db1.hospital.example\n10.20.30.62     STREAM\n' ;;
          *) return 2 ;;
        esac
      }
    }
    "$@"
    echo "CHANGED: ${CHANGED[*]}"
  )
}
printf '#!/bin/bash\necho "consilium-db-password $*" >> "%s/calls"\n' "$WORK" > "$WORK/db-password-tool"
chmod 755 "$WORK/db-password-tool"
props() { in_apply apply_properties > "$WORK/out" 2>&1; }
has() { if grep -qxF -- "$1" "$WORK/consilium.properties"; then ok; else fail "$2: no '$1' in: $(grep db "$WORK/consilium.properties")"; fi; }

# --- 1. the properties ---------------------------------------------------------------------------
LOCAL_LINES='consilium.db.driver=postgresql
consilium.db.url=jdbc:postgresql://127.0.0.1:5432/consilium
consilium.db.user=consilium'
printf 'hostname=consilium-1\n' > "$CONSILIUM_CONF"
props || fail "local: apply_properties failed: $(cat "$WORK/out")"
check "local: exactly today's database lines ($(grep db "$WORK/consilium.properties"))" \
  '[[ $(grep "db\." "$WORK/consilium.properties") == "$LOCAL_LINES" ]]'
check "local: no CA put in place" '[[ ! -e $CA_AT ]]'

printf 'hostname=consilium-1\ndb_host=db1.hospital.example\ndb_ca=%s\n' "$WORK/ca.pem" > "$CONSILIUM_CONF"
: > "$WORK/calls"
props || fail "db_host: apply_properties failed: $(cat "$WORK/out")"
has "consilium.db.url=jdbc:postgresql://db1.hospital.example:5432/consilium?sslmode=verify-full&sslrootcert=$CA_AT" "db_host, defaults"
has "consilium.db.user=consilium" "db_host, defaults"
has "consilium.db.driver=postgresql" "db_host, defaults"
check "db_host: the server's properties changed ($(cat "$WORK/out"))" 'grep -qx "CHANGED: properties" "$WORK/out"'
check "db_host: no local address in the URL" '! grep -q "^consilium.db.url=.*127.0.0.1" "$WORK/consilium.properties"'
check "db_host: the CA copied to its place" 'cmp -s "$WORK/ca.pem" "$CA_AT"'
check "db_host: the CA readable by the server's group, nobody else's to write ($(stat -c %a "$CA_AT"))" \
  '[[ $(stat -c %a "$CA_AT") == 640 ]] && grep -qx "chgrp consilium $CA_AT" "$WORK/calls"'
props
check "db_host: a second run changes nothing ($(cat "$WORK/out"))" 'grep -qx "CHANGED: " "$WORK/out"'
cp "$WORK/ca2.pem" "$WORK/ca.pem"
props
check "a new CA file: copied, and the properties change (the server restarts to read it)" \
  'cmp -s "$WORK/ca2.pem" "$CA_AT" && grep -qx "CHANGED: properties" "$WORK/out"'

printf 'hostname=consilium-1\ndb_host=10.20.30.60\ndb_port=6432\ndb_name=consilium_video\ndb_user=consilium_app\ndb_ca=%s\n' "$CA_AT" > "$CONSILIUM_CONF"
props || fail "db_host, all set: apply_properties failed: $(cat "$WORK/out")"
has "consilium.db.url=jdbc:postgresql://10.20.30.60:6432/consilium_video?sslmode=verify-full&sslrootcert=$CA_AT" "db_host, all set"
has "consilium.db.user=consilium_app" "db_host, all set"
check "db_ca already in its place: used as it is" 'cmp -s "$WORK/ca2.pem" "$CA_AT"'

printf 'hostname=consilium-1\n' > "$CONSILIUM_CONF"
props
check "back to the local database: today's lines again, a change ($(cat "$WORK/out"))" \
  '[[ $(grep "db\." "$WORK/consilium.properties") == "$LOCAL_LINES" ]] && grep -qx "CHANGED: properties" "$WORK/out"'
check "back to the local database: nothing of the hospital's left" '! grep -q "sslmode\|db_ca" "$WORK/consilium.properties"'
printf 'hostname=consilium-1\ndb_name=consilium_video\n' > "$CONSILIUM_CONF"
props
check "db_name without db_host: said to be unused ($(cat "$WORK/out"))" 'grep -q "db_name in .* is not used without db_host" "$WORK/out"'

# bad values: refused with the key named; the properties and the CA left as they were
printf 'hostname=consilium-1\ndb_host=db1.hospital.example\ndb_ca=%s\n' "$WORK/ca.pem" > "$CONSILIUM_CONF"
props || fail "good settings refused: $(cat "$WORK/out")"
cp "$WORK/consilium.properties" "$WORK/before"; cp "$CA_AT" "$WORK/ca.before"
while IFS='|' read -r settings key reason; do
  printf 'hostname=consilium-1\n%b\n' "${settings//@W@/$WORK}" > "$CONSILIUM_CONF"
  if props; then fail "$settings: accepted"; continue; fi
  if grep -q "consilium-apply: $key.* in .*: $reason" "$WORK/out" && grep -q "the properties section left as it was" "$WORK/out"; then ok
  else fail "$settings: message $(cat "$WORK/out")"; fi
  if cmp -s "$WORK/before" "$WORK/consilium.properties" && cmp -s "$WORK/ca.before" "$CA_AT"; then ok; else fail "$settings: something changed"; fi
done <<'EOF'
db_host=db1.hospital.example:5432\ndb_ca=@W@/ca.pem|db_host=|not a host name
db_host=localhost\ndb_ca=@W@/ca.pem|db_host=|not another host
db_host=127.0.0.1\ndb_ca=@W@/ca.pem|db_host=|not a unicast address
db_host=db_1.hospital.example\ndb_ca=@W@/ca.pem|db_host=|not a host name
db_host=db1.hospital.example\ndb_port=0\ndb_ca=@W@/ca.pem|db_port=|not a port number
db_host=db1.hospital.example\ndb_port=65536\ndb_ca=@W@/ca.pem|db_port=|not a port number
db_host=db1.hospital.example\ndb_name=consilium-video\ndb_ca=@W@/ca.pem|db_name=|not a PostgreSQL name
db_host=db1.hospital.example\ndb_name=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\ndb_ca=@W@/ca.pem|db_name=|not a PostgreSQL name
db_host=db1.hospital.example\ndb_user=consilium app\ndb_ca=@W@/ca.pem|db_user=|not a PostgreSQL name
db_host=db1.hospital.example\ndb_user=1consilium\ndb_ca=@W@/ca.pem|db_user=|not a PostgreSQL name
db_host=db1.hospital.example|db_ca|required with db_host
db_host=db1.hospital.example\ndb_ca=ca.pem|db_ca=|not an absolute path
db_host=db1.hospital.example\ndb_ca=@W@/none.pem|db_ca=|no such file
db_host=db1.hospital.example\ndb_ca=@W@/notpem.pem|db_ca=|not a PEM certificate
db_host=db1.hospital.example\ndb_ca=@W@/broken.pem|db_ca=|not a PEM certificate (it does not parse)
db_host=db1.hospital.example\ndb_ca=@W@/withkey.pem|db_ca=|holds a private key
EOF

# --- 2. the firewall ----------------------------------------------------------------------------
fw() { printf '%b\n' "$1" > "$CONSILIUM_CONF"; in_apply firewall_sets > "$WORK/sets" 2>&1; }
fw 'dns=10.20.30.3\ndb_host=10.20.30.60\ndb_ca=/x'
check "db_host: out to it on 5432 ($(grep out_tcp "$WORK/sets"))" \
  'grep -qxF "add element inet consilium out_tcp { 10.20.30.3 . 53,10.20.30.60 . 5432 }" "$WORK/sets"'
fw 'db_host=db1.hospital.example\ndb_port=6432'
check "db_host a name: out to each of its addresses on db_port ($(grep out_tcp "$WORK/sets"))" \
  'grep -qxF "add element inet consilium out_tcp { 10.20.30.61 . 6432,10.20.30.62 . 6432 }" "$WORK/sets"'
fw 'dns=10.20.30.3\ndb_port=6432'
check "no db_host: no way out to a database ($(grep out_tcp "$WORK/sets"))" \
  'grep -qxF "add element inet consilium out_tcp { 10.20.30.3 . 53 }" "$WORK/sets" && ! grep -q "5432\|6432" "$WORK/sets"'
check "out_tcp flushed before filled (so unsetting db_host closes it)" 'grep -qxF "flush set inet consilium out_tcp" "$WORK/sets"'
printf 'db_host=10.20.30.60\ndb_port=99999\ndb_ca=%s\n' "$WORK/ca.pem" > "$CONSILIUM_CONF"
rm -f "$WORK/etc/firewall-sets.nft"
if in_apply apply_firewall > "$WORK/out" 2>&1; then fail "a bad db_port: firewall applied"
else check "a bad db_port: the firewall refused, key named, nothing written ($(cat "$WORK/out"))" \
  'grep -q "db_port=99999 in .*: not a port number" "$WORK/out" && grep -q "the firewall section left as it was" "$WORK/out" && [[ ! -e $WORK/etc/firewall-sets.nft ]]'
fi

# --- 3. the local PostgreSQL --------------------------------------------------------------------
touch "$WORK/pg-enabled" "$WORK/pg-active"
printf 'db_host=db1.hospital.example\ndb_ca=%s\n' "$WORK/ca.pem" > "$CONSILIUM_CONF"
: > "$WORK/calls"
in_apply apply_database > "$WORK/out" 2>&1 || fail "apply_database, db_host: $(cat "$WORK/out")"
check "db_host: the local PostgreSQL disabled, masked and stopped ($(tr '\n' ';' < "$WORK/calls"))" \
  'grep -qx "systemctl disable -q postgresql" "$WORK/calls" && grep -qx "systemctl stop postgresql" "$WORK/calls" && [[ ! -e $WORK/pg-enabled && -e $WORK/pg-masked && ! -e $WORK/pg-active ]]'
check "db_host: no local role or database made, no local password" '! grep -q "^runuser\|consilium-db-password" "$WORK/calls"'
check "db_host: said, a change ($(cat "$WORK/out"))" \
  'grep -q "database: the hospital.s PostgreSQL db1.hospital.example:5432/consilium from now on; the local PostgreSQL stopped, disabled and masked" "$WORK/out" && grep -qx "CHANGED: database" "$WORK/out"'
: > "$WORK/calls"
in_apply apply_database > "$WORK/out" 2>&1
check "db_host, again: nothing ($(cat "$WORK/out"))" '[[ $(cat "$WORK/out") == "CHANGED: " ]] && ! grep -q "disable\|stop\|start\|enable -q\|mask" "$WORK/calls"'
printf 'db_host=db1.hospital.example\n' > "$CONSILIUM_CONF"; touch "$WORK/pg-enabled"
in_apply apply_database > "$WORK/out" 2>&1 && fail "db_host without db_ca: the database section ran" \
  || check "db_host without db_ca: refused, nothing done" '[[ -e $WORK/pg-enabled ]] && grep -q "db_ca in .*: required with db_host" "$WORK/out"'
rm -f "$WORK/pg-enabled"
mkdir -p "$WORK/base/configuration"; touch "$WORK/base/configuration/consilium-secrets.p12"
printf 'hostname=consilium-1\n' > "$CONSILIUM_CONF"
: > "$WORK/calls"
in_apply apply_database > "$WORK/out" 2>&1 || fail "apply_database, back: $(cat "$WORK/out")"
check "back: unmasked, enabled and started, its role checked ($(tr '\n' ';' < "$WORK/calls"))" \
  '[[ -e $WORK/pg-enabled && ! -e $WORK/pg-masked && -e $WORK/pg-active ]] && grep -q "^runuser -u postgres -- psql.*pg_roles" "$WORK/calls"'
check "back: the local role given a new password" 'grep -qx "consilium-db-password " "$WORK/calls"'
check "back: said, a change ($(cat "$WORK/out"))" 'grep -q "database: the local PostgreSQL again" "$WORK/out" && grep -qx "CHANGED: database" "$WORK/out"'
# the first boot (no credential store yet) with the local PostgreSQL not enabled: enabled, no
# password tool (the first boot sets the password itself)
rm -f "$WORK/pg-enabled" "$WORK/pg-active" "$WORK/base/configuration/consilium-secrets.p12"; : > "$WORK/calls"
in_apply apply_database > "$WORK/out" 2>&1 || fail "apply_database, no store: $(cat "$WORK/out")"
check "no credential store yet: enabled and started, no password tool ($(tr '\n' ';' < "$WORK/calls"))" \
  '[[ -e $WORK/pg-enabled && -e $WORK/pg-active ]] && ! grep -q "consilium-db-password" "$WORK/calls"'
touch "$WORK/base/configuration/consilium-secrets.p12"
: > "$WORK/calls"
in_apply apply_database > "$WORK/out" 2>&1
check "local, again: nothing ($(cat "$WORK/out"))" '[[ $(cat "$WORK/out") == "CHANGED: " ]] && ! grep -q "consilium-db-password\|enable -q\|mask\|start" "$WORK/calls"'

# --- 4. consilium-db-password ---------------------------------------------------------------------
BIN=$WORK/bin; mkdir -p "$BIN" "$WORK/run-systemd"
# every call with its arguments; consilium-secret keeps the store in a folder (STORE)
cat > "$BIN/consilium-secret" <<'EOF'
#!/bin/bash
check=; [[ $1 == --check ]] && { check=1; shift; }
IFS= read -r v
echo "consilium-secret ${check:+--check }$*" >> "$CALLS"
if [[ -n $check ]]; then [[ -f $STORE/$1 && $(cat "$STORE/$1") == "$v" ]]; exit; fi
mkdir -p "$STORE"; printf '%s\n' "$v" > "$STORE/$1"; echo changed
EOF
cat > "$BIN/systemctl" <<'EOF'
#!/bin/bash
echo "systemctl $*" >> "$CALLS"
[[ $* != "is-active -q consilium" || -f $WORK/server-running ]]
EOF
cat > "$BIN/runuser" <<'EOF'
#!/bin/bash
echo "runuser $*" >> "$CALLS"; cat > "$WORK/psql.stdin"
EOF
chmod 755 "$BIN"/*
export CALLS=$WORK/calls STORE=$WORK/store WORK CONSILIUM_SECRET=$BIN/consilium-secret CONSILIUM_RUN_SYSTEMD=$WORK/run-systemd
PW="hospital $MARK password"
dbpw() { # dbpw INPUT [ARG...]: the tool with INPUT on standard input; output in $out, status in $rc
  local input=$1; shift
  : > "$CALLS"; rc=0
  out=$(printf '%s\n' "$input" | PATH=$BIN:$PATH "$DBPW" "$@" 2>&1) || rc=$?
}
printf 'db_host=db1.hospital.example\ndb_user=consilium_app\ndb_ca=%s\n' "$WORK/ca.pem" > "$CONSILIUM_CONF"
touch "$WORK/server-running"
dbpw "$PW"
check "a password: changed ($out)" '((rc == 0)) && [[ $out == changed ]]'
check "stored as alias database, exactly" '[[ $(cat "$STORE/database") == "$PW" ]]'
check "the running server restarted" 'grep -qx "systemctl restart --no-block consilium" "$CALLS"'
check "no local PostgreSQL touched" '! grep -q "^runuser" "$CALLS"'
check "the password never an argument ($(tr '\n' ';' < "$CALLS"))" '! grep -q "$MARK" "$CALLS"'
dbpw "$PW"
check "the same password: nothing ($out)" '((rc == 0)) && [[ -z $out && $(cat "$CALLS") == "consilium-secret --check database" ]]'
dbpw "$PW" "$PW"
check "the password as an argument: refused, not printed ($out)" '((rc != 0)) && [[ $out == *usage* && $out != *"$MARK"* && ! -s $CALLS ]]'
dbpw ""
check "nothing on standard input: refused ($out)" '((rc != 0)) && [[ $out == *"nothing on standard input"* && ! -s $CALLS ]]'
dbpw " $MARK"
check "a leading space: refused, not printed ($out)" '((rc != 0)) && [[ $out == *"begins or ends with a space"*"nothing was changed"* && $out != *"$MARK"* && ! -s $CALLS ]]'
rm -f "$WORK/server-running"
rc=0; : > "$CALLS"; out=$(printf 'other %s\n' "$MARK" | PATH=$BIN:$PATH CONSILIUM_APPLY_NO_RESTART=1 "$DBPW" 2>&1) || rc=$?
check "CONSILIUM_APPLY_NO_RESTART: changed, no restart" '((rc == 0)) && [[ $out == changed ]] && ! grep -q "restart" "$CALLS"'
# typed at a terminal: twice, not shown
cat > "$WORK/typed.sh" <<EOF
PATH=$BIN:\$PATH "$DBPW"; echo "status: \$?"
EOF
printf '%s\t%s\n' "*consilium_app@db1.hospital.example (not shown):" "typed $MARK one" "*again:" "typed $MARK two" > "$WORK/typing"
screen=$(python3 "$ROOT/appliance-image/tests/pty-drive.py" "$WORK/typing" bash "$WORK/typed.sh" 2>&1 || true)
check "typed twice, different: refused, nothing stored ($screen)" '[[ $screen == *"the two differ"* && $screen == *"status: 1"* && $(cat "$STORE/database") == "other $MARK" ]]'
printf '%s\t%s\n' "*consilium_app@db1.hospital.example (not shown):" "typed $MARK one" "*again:" "typed $MARK one" > "$WORK/typing"
screen=$(python3 "$ROOT/appliance-image/tests/pty-drive.py" "$WORK/typing" bash "$WORK/typed.sh" 2>&1 || true)
check "typed twice, the same: stored ($screen)" '[[ $screen == *"status: 0"* && $(cat "$STORE/database") == "typed $MARK one" ]]'
check "typed: never shown" '[[ $screen != *"$MARK"* ]]'
# the local PostgreSQL: a random password, to psql and the store on standard input
printf 'hostname=consilium-1\n' > "$CONSILIUM_CONF"
dbpw ""
local_pw=$(cat "$STORE/database")
check "no db_host: a new random password for the local role ($out)" \
  '((rc == 0)) && [[ $local_pw =~ ^[A-Za-z0-9]{32}$ ]] && grep -qF "alter role consilium password '"'"'$local_pw'"'"'" "$WORK/psql.stdin"'
check "no db_host: the random password never an argument" '! grep -qF "$local_pw" "$CALLS"'

# --- 5. the first boot ------------------------------------------------------------------------------
mkdir -p "$WORK/disk"; cp "$WORK/ca.pem" "$WORK/disk/db-ca.pem"; cp "$WORK/notpem.pem" "$WORK/disk/notpem.pem"
answers() { # answers LINES: answers_ok's lines for these answers (with an admin password), status last
  printf 'admin_password=Good-Password-2026\n%b\n' "$1" > "$WORK/answers.conf"
  (
    # shellcheck disable=SC1091
    source "$ROOT/ansible/roles/firstboot/files/consilium-firstboot"
    MNT=$WORK/disk
    read_answers "$WORK/answers.conf" >/dev/null
    if answers_ok; then echo "status=ok"; else echo "status=refused"; fi
  )
}
out=$(answers "db_host=db1.hospital.example\ndb_ca=db-ca.pem\ndb_password=$MARK-pw")
check "db_host, db_ca and db_password: accepted ($out)" '[[ $out == status=ok ]]'
out=$(answers "db_host=db1.hospital.example")
check "db_host alone: db_ca and db_password required ($out)" \
  '[[ $out == *"db_ca: required with db_host"* && $out == *"db_password: required with db_host"* && $out == *status=refused ]]'
out=$(answers "db_host=db1.hospital.example\ndb_ca=none.pem\ndb_password=$MARK-pw")
check "db_ca not on the disk: refused ($out)" '[[ $out == *"db_ca: no such file on the CONSILIUM disk"* && $out == *status=refused ]]'
out=$(answers "db_host=db1.hospital.example\ndb_ca=notpem.pem\ndb_password=$MARK-pw")
check "db_ca not a PEM certificate: refused, its content not shown ($out)" '[[ $out == *"db_ca: not a PEM certificate"* && $out == *status=refused && $out != *"not a certificate"* ]]'
out=$(answers "db_port=6432\ndb_password=$MARK-pw")
check "db_port, db_password without db_host: refused ($out)" '[[ $out == *"db_port: only with db_host"* && $out == *"db_password: only with db_host"* && $out == *status=refused ]]'
check "the password never in answers_ok's lines" '[[ $out != *"$MARK"* ]]'
printf '#!/bin/bash\nprintf "%%s\\n" "$*" > "%s/tool.args"; cat > "%s/tool.stdin"\n' "$WORK" "$WORK" > "$WORK/tool"
chmod 755 "$WORK/tool"
(
  # shellcheck disable=SC1091
  source "$ROOT/ansible/roles/firstboot/files/consilium-firstboot"
  CONF=$WORK/fb.conf DB_PASSWORD_TOOL=$WORK/tool
  A=([hostname]=consilium-2 [db_host]=db1.hospital.example [db_port]=6432 [db_name]=consilium_video
     [db_user]=consilium_app [db_ca]=/etc/consilium/db-ca.pem [db_password]="$PW" [admin_password]="Good-$MARK")
  write_conf; apply_db_password
) > "$WORK/fb.out" 2>&1 || fail "write_conf/apply_db_password failed: $(cat "$WORK/fb.out")"
conf=$(cat "$WORK/fb.conf")
check "appliance.conf: the database's settings" \
  '[[ $conf == *$'"'"'\ndb_host=db1.hospital.example\ndb_port=6432\ndb_name=consilium_video\ndb_user=consilium_app\ndb_ca=/etc/consilium/db-ca.pem'"'"'* ]]'
check "appliance.conf: no password ($conf)" '[[ $conf != *"$MARK"* && $conf != *db_password* ]]'
check "the password to consilium-db-password on standard input, no argument" \
  '[[ $(cat "$WORK/tool.stdin") == "$PW" && -z $(cat "$WORK/tool.args") ]]'
check "the first boot's output: no password" '[[ $(cat "$WORK/fb.out") != *"$MARK"* ]]'

echo "shared-database-test: $passed checks passed, $failed failed"
((failed == 0))
