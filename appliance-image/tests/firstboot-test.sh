#!/bin/bash
# Test of the first boot's answers (consilium-firstboot: the console wizard and the answer
# file) and of the value checks it shares with the settings agent (consilium-checks.sh).
# Sources consilium-firstboot (functions only); no root, no appliance, a few seconds.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/firstboot-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export CONSILIUM_CHECKS=$ROOT/ansible/roles/base/files/consilium-checks.sh
# its --generate (the only part the wizard runs) needs nothing of an appliance
export CONSILIUM_CLUSTER_SECRET_TOOL=$ROOT/ansible/roles/base/files/consilium-cluster-secret
export LC_ALL=C
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
# A value that must never be printed back (it stands for a secret or a file's content)
MARK=Zq7Xmark

# The recordings folder's sandbox, sourced after consilium-firstboot where its checks look at
# the disk: the data volume at $WORK/data, /srv at $WORK/srv (the user running the test stands
# for root, nobody for the server), findmnt a stub: $WORK/srv/vol a mounted volume, the rest
# the appliance's own disk (recordings-test.sh tests the checks themselves)
getent passwd nobody >/dev/null || { echo "firstboot-test: needs a user nobody" >&2; exit 1; }
mkdir -p "$WORK/data" "$WORK/srv/vol" "$WORK/srv/plain"
chmod 755 "$WORK/data" "$WORK/srv" "$WORK/srv/vol" "$WORK/srv/plain"
cat > "$WORK/recording-sandbox" <<SANDBOX
SERVICE_USER=nobody TRUSTED_UID=$(id -u) RECORDING_DEFAULT_DIR=$WORK/data/recordings RECORDING_ROOTS=$WORK/srv
findmnt() {
  case \${*: -1} in
    $WORK/srv/vol | $WORK/srv/vol/*) echo "$WORK/srv/vol ext4 rw,relatime" ;;
    *) echo "/ ext4 rw,relatime" ;;
  esac
}
SANDBOX

# in_firstboot COMMAND...: runs COMMAND in a subshell that sourced consilium-firstboot,
# with the CONSILIUM disk at $WORK/disk
mkdir -p "$WORK/disk"
in_firstboot() {
  (
    # shellcheck disable=SC1091 # sourced for its functions
    source "$ROOT/ansible/roles/firstboot/files/consilium-firstboot"
    # shellcheck disable=SC2034 # read by answers_ok and wizard
    MNT=$WORK/disk
    "$@"
  )
}

# --- answer_ok KEY VALUE: one answer -------------------------------------------------------
touch "$WORK/libvendor-pkcs11.so"
while IFS='|' read -r expect key value; do
  [[ -z $expect || $expect == '#'* ]] && continue
  value=${value//@LIB@/$WORK/libvendor-pkcs11.so}
  if why=$(in_firstboot answer_ok "$key" "$value"); then got=yes; else got=no; fi
  if [[ $got != "$expect" ]]; then fail "answer_ok $key '$value': $got, expected $expect"; continue; fi
  if [[ $got == no && -z $why ]]; then fail "answer_ok $key '$value': refused without a reason"; continue; fi
  ok
done <<'EOF'
yes|hostname|consilium-1
yes|hostname|video.radiology.hospital.example
no|hostname|consilium_1
no|hostname|-consilium
no|hostname|10.20.30.40
no|hostname|localhost
no|hostname|
no|hostname|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
yes|ip|dhcp
yes|ip|10.20.30.40/24
no|ip|10.20.30.40
no|ip|10.20.30.400/24
no|ip|10.20.30.40/33
no|ip|10.20.30.40/0
no|ip|DHCP
yes|gateway|
yes|gateway|10.20.30.1
no|gateway|gw.hospital.example
yes|dns|10.20.30.2,10.20.30.3
no|dns|10.20.30.2,10.20.30.3,10.20.30.4,10.20.30.5
no|dns|dns.hospital.example
no|dns|10.20.30.2,
yes|ntp_servers|
yes|ntp_servers|ntp1.hospital.example,10.1.1.1
no|ntp_servers|ntp1 .hospital.example
no|ntp_servers|127.0.0.1
no|ntp_servers|a1,a2,a3,a4,a5,a6,a7,a8,a9
yes|directory_url|ldaps://dc1.hospital.example
yes|directory_url|ldap://10.0.2.100:389
yes|directory_url|ldaps://dc1.hospital.example:3269/
no|directory_url|https://dc1.hospital.example
no|directory_url|ldaps://dc1.hospital.example:99999
no|directory_url|ldaps://
no|directory_url|ldap://dc1.hospital.example/dc=hospital
yes|directory_bind_dn|CN=svc-consilium,OU=Service Accounts,DC=hospital,DC=example
no|directory_bind_dn|svc-consilium
yes|directory_user_attribute|sAMAccountName
no|directory_user_attribute|sAMAccount Name
no|directory_user_attribute|(uid)
yes|group_admin|Consilium Administrators
no|group_admin|
no|group_admin|Admins", "x" => "admin
no|group_admin|Admins\
yes|hsm_library|
yes|hsm_library|@LIB@
no|hsm_library|libvendor.so
no|hsm_library|/nonexistent/libvendor-pkcs11.so
yes|hsm_slot|0
yes|hsm_slot|1729486012
no|hsm_slot|slot 1
yes|hsm_endpoints|hsm1.hospital.example:1792
no|hsm_endpoints|hsm1.hospital.example
no|hsm_endpoints|hsm1.hospital.example:0
yes|tls_mode|self-signed
yes|tls_mode|csr
yes|tls_mode|import
no|tls_mode|letsencrypt
yes|tls_pkcs12|consilium.p12
no|tls_pkcs12|../etc/shadow
no|tls_pkcs12|/etc/shadow
no|tls_pkcs12|.hidden.p12
yes|siem_host|siem.hospital.example
yes|db_host|db1.hospital.example
yes|db_host|10.20.30.60
yes|db_host|
no|db_host|db1.hospital.example:5432
no|db_host|127.0.0.1
no|db_host|localhost
no|db_host|db_1.hospital.example
yes|db_port|5432
no|db_port|0
no|db_port|65536
no|db_port|5432x
yes|db_name|consilium_video
yes|db_name|_c1
no|db_name|consilium-video
no|db_name|1consilium
no|db_name|consilium;drop
no|db_name|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
yes|db_name|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
yes|db_user|consilium_app
no|db_user|consilium app
no|db_user|consilium"
yes|db_ca|db-ca.pem
no|db_ca|../etc/db-ca.pem
no|db_ca|/etc/consilium/db-ca.pem
yes|db_password|a password of the hospital's DBA
no|db_password| leading space
no|siem_host|siem.hospital.example:6514
yes|siem_port|6514
no|siem_port|65536
no|siem_port|06514
yes|media_tcp_port|
yes|media_tcp_port|4443
yes|cluster_peers|10.20.30.41,consilium-2.hospital.example
no|cluster_peers|10.20.30.41;10.20.30.42
yes|cluster_address|
yes|cluster_address|10.20.30.41
no|cluster_address|127.0.0.1
no|cluster_address|0.0.0.0
no|cluster_address|239.1.1.1
no|cluster_address|10.20.30.41/24
no|cluster_address|consilium-2.hospital.example
yes|cluster_vip|
yes|cluster_vip|10.20.30.50
yes|cluster_vip|10.20.30.50/24
no|cluster_vip|10.20.30.500
no|cluster_vip|10.20.30.50/33
no|cluster_vip|10.20.30.50/7
no|cluster_vip|10.20.30
no|cluster_vip|video.hospital.example
no|cluster_vip|224.0.0.18
no|cluster_vip|127.0.0.5
no|cluster_vip|0.0.0.0
yes|cluster_vip_interface|
yes|cluster_vip_interface|ens192
yes|cluster_vip_interface|eth0.20
no|cluster_vip_interface|ens192;reboot
no|cluster_vip_interface|a-name-over-15-chars
yes|cluster_name|video.hospital.example
no|cluster_name|10.20.30.50
no|cluster_name|video_hospital
yes|cluster_secret|abcdefghijklmnopqrstuvwx
yes|cluster_secret|ABCD-EFGH-IJKL-MNOP-QRST-UVWX-2345-6723
yes|cluster_secret|correct horse battery staple ward 7
no|cluster_secret|abcdefghijklmnopqrstuvw
no|cluster_secret| abcdefghijklmnopqrstuvwxyz
no|cluster_secret|abcdefghijklmnopqrstuvwxyz 
yes|node_id|consilium-2
no|node_id|Consilium 2
yes|ssh_enabled|yes
yes|ssh_enabled|no
no|ssh_enabled|true
yes|admin_ssh_key|ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHzq7mark hospital-it@workstation
yes|admin_ssh_key|ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY=
no|admin_ssh_key|AAAAC3NzaC1lZDI1NTE5AAAAIHzq7mark
no|admin_ssh_key|ssh-dss AAAAB3NzaC1kc3MAAACBAP
yes|admin_password|Correct-Horse-9
yes|admin_password|correct horse battery 9
no|admin_password|short-Pw-1
no|admin_password|alllowercaseletters
no|admin_password|ALLUPPERCASE1234
yes|admin_password_hash|$6$salt$hash
no|admin_password_hash|plaintext
yes|media_advertised_addresses|10.20.30.40
no|media_advertised_addresses|consilium.hospital.example
yes|client_networks|
yes|client_networks|10.0.0.0/8,172.16.0.0/12,192.168.0.0/16
yes|client_networks|10.20.30.40/32,10.40.0.0/16
no|client_networks|10.20.1.0/16
no|client_networks|0.0.0.0/0
no|client_networks|10.0.0.0/7
no|client_networks|10.20.30.0
no|client_networks|10.20.30.0/24;10.20.31.0/24
no|client_networks|10.20.30.0/33
no|client_networks|hospital.example/24
yes|recording_directory|
yes|recording_directory|/var/lib/consilium/standalone/data/recordings
yes|recording_directory|/srv/recordings/consilium
yes|recording_directory|/mnt/rec-1/consilium_video.2
no|recording_directory|recordings
no|recording_directory|srv/recordings
no|recording_directory|/srv/recordings/
no|recording_directory|//srv/recordings
no|recording_directory|/srv/my recordings
no|recording_directory|/srv/recordings;reboot
no|recording_directory|/srv/$(reboot)
no|recording_directory|/srv/rec`id`
no|recording_directory|/srv/recordings/../../etc/cron.d
no|recording_directory|/srv/.recordings
no|recording_directory|/srv
no|recording_directory|/mnt
no|recording_directory|/srvx/recordings
no|recording_directory|/etc/consilium/recordings
no|recording_directory|/var/lib/consilium/standalone/data
no|recording_directory|/var/lib/consilium/standalone/data/softhsm2
no|recording_directory|/var/lib/consilium/recordings
yes|recording_min_free_mb|
yes|recording_min_free_mb|64
yes|recording_min_free_mb|1024
yes|recording_min_free_mb|1048576
no|recording_min_free_mb|63
no|recording_min_free_mb|0
no|recording_min_free_mb|1048577
no|recording_min_free_mb|01024
no|recording_min_free_mb|1 GiB
no|recording_min_free_mb|-1024
no|recording_min_free_mb|1e3
no|recording_min_free_mb|1024.5
EOF
# a control character anywhere is refused
if in_firstboot answer_ok group_admin $'Admins\nx' >/dev/null; then fail "answer_ok accepted a newline"; else ok; fi

# --- answers_ok: the whole answer file, checked before anything changes ---------------------
good() { # the example answer file, made usable
  sed -e 's/^admin_password=$/admin_password=First-Boot-2026/' "$ROOT/appliance-image/answers.example.conf"
}
answers_of() { # answers_of FILE: answers_ok's lines for FILE, and its status as the last line
  ( # shellcheck disable=SC1091
    source "$ROOT/ansible/roles/firstboot/files/consilium-firstboot"
    source "$WORK/recording-sandbox"
    MNT=$WORK/disk
    read_answers "$1"
    if answers_ok; then echo "status=ok"; else echo "status=refused"; fi
  )
}
good > "$WORK/a.conf"
out=$(answers_of "$WORK/a.conf")
[[ $out == status=ok ]] && ok || fail "the example answer file (with a password) was refused: $out"

expect_refused() { # expect_refused WHAT EXPECTED-LINE < answer file
  cat > "$WORK/b.conf"
  local out; out=$(answers_of "$WORK/b.conf")
  if [[ $out != *status=refused* ]]; then fail "$1: accepted"; return; fi
  if [[ $out != *"$2"* ]]; then fail "$1: no line '$2' in: $out"; return; fi
  if [[ $out == *"$MARK"* ]]; then fail "$1: the refusal printed the value back"; return; fi
  ok
}
good | sed 's/^admin_password=.*/admin_password=/' | expect_refused "no password" "admin_password (or admin_password_hash): required"
good | sed "s/^admin_password=.*/admin_password=wk$MARK/" | expect_refused "weak password" "admin_password: under 12 characters or fewer than 3"
{ good; echo "directroy_url=ldaps://$MARK"; } | expect_refused "typo key" "directroy_url: not a known key"
good | sed "s/^hostname=.*/hostname=consilium_$MARK/" | expect_refused "bad host name" "hostname: not a host name"
good | sed 's/^ssh_enabled=.*/ssh_enabled=yes/' | expect_refused "SSH without key" "admin_ssh_key: required when ssh_enabled=yes"
good | sed 's/^tls_mode=.*/tls_mode=import/' | expect_refused "import without file" "tls_pkcs12: required when tls_mode=import"
good | sed -e 's/^tls_mode=.*/tls_mode=import/' -e 's/^tls_pkcs12=.*/tls_pkcs12=missing.p12/' \
  | expect_refused "import of a missing file" "tls_pkcs12: no such file on the CONSILIUM disk"
good | sed 's|^hsm_library=.*|hsm_library=/usr/lib/softhsm/libsofthsm2.so.does-not-exist.so|' \
  | expect_refused "HSM library not there" "hsm_library: no such file"
good | sed 's/^directory_users_dn=.*/directory_users_dn=/' | expect_refused "directory without users DN" "directory_users_dn: required with directory_url"
good | sed "s/^group_admin=.*/group_admin=Admins\" => \"admin\", \"$MARK/" | expect_refused "quote in a group" "group_admin: holds a quote"
# cluster peers need the cluster's secret; a short one is refused without being shown
good | sed 's/^cluster_peers=.*/cluster_peers=10.20.30.41/' | expect_refused "peers without a secret" "cluster_secret: required with cluster_peers"
{ good | sed 's/^cluster_peers=.*/cluster_peers=10.20.30.41/'; echo "cluster_secret=short-$MARK"; } \
  | expect_refused "short cluster secret" "cluster_secret: under 24"
{ good | sed 's/^cluster_peers=.*/cluster_peers=10.20.30.41/'; echo "cluster_secret=cluster-$MARK-0123456789abcdef"; echo "cluster_address=10.20.30.40"; } > "$WORK/e.conf"
out=$(answers_of "$WORK/e.conf")
[[ $out == status=ok ]] && ok || fail "peers with their secret and address refused: $out"
# the shared address: with peers only, a free address of this appliance's subnet
{ cat "$WORK/e.conf"; echo "cluster_vip=10.20.30.50/24"; echo "cluster_name=video.hospital.example"; echo "cluster_vip_interface=ens192"; } > "$WORK/f.conf"
out=$(answers_of "$WORK/f.conf")
[[ $out == status=ok ]] && ok || fail "a shared address with its name and interface refused: $out"
{ good; echo "cluster_vip=10.20.30.50"; } | expect_refused "a shared address without peers" "cluster_vip: only with cluster_peers"
{ good; echo "cluster_name=video.hospital.example"; } | expect_refused "a shared name without a shared address" "cluster_name: only with cluster_vip"
{ good; echo "cluster_vip_interface=ens192"; } | expect_refused "an interface without a shared address" "cluster_vip_interface: only with cluster_vip"
{ cat "$WORK/e.conf"; echo "cluster_vip=10.20.30.40"; } | expect_refused "the shared address is this appliance's" "cluster_vip: this appliance's own address"
{ cat "$WORK/e.conf"; echo "cluster_vip=10.20.30.41"; } | expect_refused "the shared address is a peer's" "cluster_vip: one of cluster_peers"
{ cat "$WORK/e.conf"; echo "cluster_vip=10.20.31.50"; } | expect_refused "the shared address in another subnet" "cluster_vip: not in the subnet of this appliance's address 10.20.30.40/24"
{ cat "$WORK/e.conf"; echo "cluster_vip=10.20.30.500/24"; } | expect_refused "a malformed shared address" "cluster_vip: not an IPv4 address or address/prefix"
# the recordings folder: a new folder on a mounted volume and the free space, accepted; a bad
# path, one on the appliance's own disk, a bad number refused (the key named, the value not)
good | sed -e "s|^recording_directory=.*|recording_directory=$WORK/srv/vol/consilium|" -e 's/^recording_min_free_mb=.*/recording_min_free_mb=4096/' > "$WORK/g.conf"
out=$(answers_of "$WORK/g.conf")
[[ $out == status=ok ]] && ok || fail "a recordings folder on a mounted volume refused: $out"
good | sed "s|^recording_directory=.*|recording_directory=srv/$MARK|" | expect_refused "a relative recordings folder" "recording_directory: not an absolute path"
good | sed "s|^recording_directory=.*|recording_directory=$WORK/srv/vol/$MARK rec|" | expect_refused "a space in the recordings folder" "recording_directory: not an absolute path"
good | sed "s|^recording_directory=.*|recording_directory=/etc/$MARK|" | expect_refused "a recordings folder under /etc" "recording_directory: not the data volume's recordings folder"
good | sed "s|^recording_directory=.*|recording_directory=$WORK/srv/plain/$MARK|" | expect_refused "a recordings folder not on a mounted volume" "recording_directory: not on a volume mounted below"
good | sed "s|^recording_directory=.*|recording_directory=$WORK/srv/vol|" | expect_refused "the volume's own folder" "recording_directory: it exists and is not the server's"
good | sed "s/^recording_min_free_mb=.*/recording_min_free_mb=1024$MARK/" | expect_refused "free space not a number" "recording_min_free_mb: not a whole number of MiB from 64 to 1048576"
good | sed 's/^recording_min_free_mb=.*/recording_min_free_mb=32/' | expect_refused "free space too small" "recording_min_free_mb: not a whole number of MiB from 64 to 1048576"
# several problems: all of them reported at once
out=$(good | sed -e 's/^ip=.*/ip=10.20.30.40/' -e 's/^siem_port=.*/siem_port=70000/' > "$WORK/c.conf"; answers_of "$WORK/c.conf")
[[ $out == *"ip: not dhcp"* && $out == *"siem_port: not a port"* ]] && ok || fail "two problems, not both reported: $out"
# the import's file on the disk: accepted
touch "$WORK/disk/consilium.p12"
good | sed -e 's/^tls_mode=.*/tls_mode=import/' -e 's/^tls_pkcs12=.*/tls_pkcs12=consilium.p12/' > "$WORK/d.conf"
out=$(answers_of "$WORK/d.conf")
[[ $out == status=ok ]] && ok || fail "import with its file on the disk refused: $out"

# --- the console wizard: every answer checked as it is typed --------------------------------
wizard_run() { # wizard_run < typed lines: the wizard's screen, then the answers as KEY=VALUE
  ( # shellcheck disable=SC1091
    source "$ROOT/ansible/roles/firstboot/files/consilium-firstboot"
    source "$WORK/recording-sandbox"
    MNT=$WORK/disk
    if wizard; then echo "== wizard: done"; else echo "== wizard: interrupted"; fi
    for k in "${!A[@]}"; do echo "A:$k=${A[$k]}"; done
  ) 2>&1
}
# the database server's CA on the CONSILIUM disk (db_ca), a real PEM certificate
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$WORK/db-ca.key" \
  -out "$WORK/disk/db-ca.pem" -subj "/CN=Test Hospital CA" -days 2 2>/dev/null
screen=$(wizard_run <<TYPED
consilium_1
consilium-2
10.20.30.40
10.20.30.41/24
10.20.30.1
10.20.30.2
ntp1.hospital.example
https://dc1
ldaps://dc1.hospital.example

CN=svc-consilium,OU=Service Accounts,DC=hospital,DC=example
bind-$MARK
bind-$MARK
OU=Staff,DC=hospital,DC=example
OU=Groups,DC=hospital,DC=example
sAMAccountName
Radiology "Staff"
Radiology Staff
IT Admins
Auditors

import
missing.p12
consilium.p12
p12-$MARK
p12-$MARK
siem.hospital.example

db_1.hospital.example
db1.hospital.example
0

consilium-db
consilium_video

missing.pem
db-ca.pem
db-$MARK
db-$MARK
10.20.30.42
127.0.0.1
10.20.30.41
10.20.30.41
10.20.30.42
10.20.31.50
10.20.30.50/24
video.hospital.example
maybe
type
short-$MARK
cluster-secret-$MARK-0123456789
cluster-secret-$MARK-0123456789
srv/vol/consilium
$WORK/srv/plain/consilium
$WORK/srv/vol/consilium
0
1 GiB
2048
maybe
yes
ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHzq7
short
Good-Password-2026
Good-Password-2027
Good-Password-2026
Good-Password-2026
yes
TYPED
)
want=(
  "A:hostname=consilium-2" "A:ip=10.20.30.41/24" "A:gateway=10.20.30.1" "A:dns=10.20.30.2"
  "A:ntp_servers=ntp1.hospital.example" "A:directory_url=ldaps://dc1.hospital.example"
  "A:directory_bind_dn=CN=svc-consilium,OU=Service Accounts,DC=hospital,DC=example"
  "A:directory_bind_password=bind-$MARK" "A:directory_user_attribute=sAMAccountName"
  "A:group_clinician=Radiology Staff" "A:group_admin=IT Admins" "A:group_auditor=Auditors"
  "A:tls_mode=import" "A:tls_pkcs12=consilium.p12" "A:tls_pkcs12_password=p12-$MARK"
  "A:siem_host=siem.hospital.example" "A:siem_port=6514" "A:cluster_peers=10.20.30.42"
  "A:cluster_address=10.20.30.41" "A:cluster_vip=10.20.30.50/24" "A:cluster_name=video.hospital.example"
  "A:cluster_secret=cluster-secret-$MARK-0123456789"
  "A:ssh_enabled=yes" "A:admin_password=Good-Password-2026" "== wizard: done"
  "A:db_host=db1.hospital.example" "A:db_port=5432" "A:db_name=consilium_video" "A:db_user=consilium"
  "A:db_ca=db-ca.pem" "A:db_password=db-$MARK"
  "A:recording_directory=$WORK/srv/vol/consilium" "A:recording_min_free_mb=2048"
)
for w in "${want[@]}"; do [[ $screen == *"$w"* ]] && ok || fail "wizard: no '$w'"; done
refusals=$(grep -c 'not accepted' <<<"$screen" || true)
# consilium_1, 10.20.30.40, https://dc1, an empty service account DN, a quote, missing.p12,
# 127.0.0.1 as the cluster address, the shared address as its own, a peer's and another
# subnet's, maybe for the secret, the short secret, maybe for SSH and the short password (the
# two different passwords: "they differ"); the database's host, port, name and a CA file
# not on the disk; a relative recordings folder, one not on a mounted volume, 0 and 1 GiB
[[ $refusals == 22 ]] && ok || fail "wizard: $refusals refusals, expected 22"
[[ $screen == *"not accepted: not an absolute path"* && $screen == *"not accepted: not on a volume mounted below $WORK/srv"* \
   && $(grep -c 'not accepted: not a whole number of MiB from 64 to 1048576' <<<"$screen") == 2 ]] && ok \
  || fail "wizard: the recordings answers' refusals not said"
summary=$(sed -n '/These settings will be applied/,$p' <<<"$screen" | grep -v '^A:')
[[ $summary == *"recording_directory        $WORK/srv/vol/consilium"* && $summary == *"recording_min_free_mb      2048"* ]] && ok \
  || fail "wizard: the recordings answers not in the summary: $summary"
[[ $screen == *"not accepted: no such file on the CONSILIUM disk"* ]] && ok || fail "wizard: a missing db_ca not said"
[[ $screen == *"db_password "*"(set, not shown)"* ]] && ok || fail "wizard: the database password not listed as set"
[[ $screen == *"not accepted: this appliance's own address"* && $screen == *"not accepted: one of cluster_peers"* \
   && $screen == *"not accepted: not in the subnet of this appliance's address 10.20.30.41/24"* ]] && ok \
  || fail "wizard: the shared address's refusals not said"
[[ $(grep -c 'they differ' <<<"$screen" || true) == 1 ]] && ok || fail "wizard: mismatched passwords not refused"
summary=$(sed -n '/These settings will be applied/,$p' <<<"$screen" | grep -v '^A:')
[[ $summary == *"directory_bind_password"*"(set, not shown)"* && $summary == *"cluster_secret "*"(set, not shown)"* ]] && ok || fail "wizard: secrets not listed as set"
[[ $summary != *"$MARK"* && $summary != *Good-Password* ]] && ok || fail "wizard: the summary shows a secret: $summary"
# screen output: a secret is never echoed (read -s) nor printed
[[ $(sed '/^A:/d' <<<"$screen") != *"$MARK"* ]] && ok || fail "wizard: a secret appears on the screen"
# no, then the answers again as defaults (Enter keeps each), then yes
screen=$(wizard_run <<TYPED
consilium-3
dhcp







$WORK/srv/vol/consilium
4096

Good-Password-2026
Good-Password-2026
no












yes
TYPED
)
[[ $screen == *"A:hostname=consilium-3"* && $screen == *"== wizard: done"* && $(grep -c 'These settings will be applied' <<<"$screen") == 2 ]] \
  && ok || fail "wizard: 'no' does not go through the answers again with them as defaults: $screen"
[[ $screen == *"A:recording_directory=$WORK/srv/vol/consilium"* && $screen == *"A:recording_min_free_mb=4096"* ]] && ok \
  || fail "wizard: the recordings answers not kept as the defaults the second time: $screen"
# Enter takes the defaults: the data volume's folder and 1024 MiB
screen=$(wizard_run <<TYPED
consilium-7
dhcp










Good-Password-2026
Good-Password-2026

TYPED
)
[[ $screen == *"A:recording_directory=$WORK/data/recordings"* && $screen == *"A:recording_min_free_mb=1024"* && $screen == *"== wizard: done"* ]] && ok \
  || fail "wizard: Enter does not take the recordings defaults: $screen"
# the first appliance of a cluster: the wizard generates the secret and shows it once; going
# through the answers again keeps it (Enter)
screen=$(wizard_run <<TYPED
consilium-6
dhcp






10.20.30.42


generate




Good-Password-2026
Good-Password-2026
no















yes
TYPED
)
generated=$(sed -n 's/^A:cluster_secret=//p' <<<"$screen")
[[ $generated =~ ^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$ ]] && ok || fail "wizard: generated secret '$generated' not 8 groups of 4 base32 characters"
why=$(in_firstboot answer_ok cluster_secret "$generated") && ok || fail "wizard: the generated secret fails its own check: $why"
[[ $(sed '/^A:/d' <<<"$screen" | grep -cF -- "$generated") == 1 ]] && ok || fail "wizard: the generated secret is not shown exactly once"
[[ $screen == *"shown only now"* && $screen == *"== wizard: done"* && $(grep -c 'These settings will be applied' <<<"$screen") == 2 ]] \
  && ok || fail "wizard: generate, then no and Enter through: $screen"
another=$(in_firstboot "$CONSILIUM_CLUSTER_SECRET_TOOL" --generate)
[[ -n $another && $another != "$generated" ]] && ok || fail "wizard: --generate gives the same secret twice"
# --- what the first boot keeps: appliance.conf without a secret; the secret to its tool on stdin
printf '#!/bin/bash\nprintf "%%s\\n" "$*" > "%s/tool.args"; cat > "%s/tool.stdin"\n' "$WORK" "$WORK" > "$WORK/tool"
chmod 755 "$WORK/tool"
( # shellcheck disable=SC1091
  source "$ROOT/ansible/roles/firstboot/files/consilium-firstboot"
  CONF=$WORK/appliance.conf CLUSTER_SECRET_TOOL=$WORK/tool
  A=([hostname]=consilium-2 [cluster_peers]=10.20.30.41 [cluster_address]=10.20.30.42 [cluster_vip]=10.20.30.50/24 [node_id]=consilium-2
     [cluster_secret]="cluster-secret-$MARK-0123456789" [directory_bind_password]="bind-$MARK"
     [recording_directory]=/srv/recordings/consilium [recording_min_free_mb]=2048)
  write_conf; apply_cluster_secret
) > "$WORK/fb.out" 2>&1 || fail "write_conf/apply_cluster_secret failed: $(cat "$WORK/fb.out")"
conf=$(cat "$WORK/appliance.conf")
[[ $conf == *$'\ncluster_peers=10.20.30.41\ncluster_address=10.20.30.42\ncluster_vip=10.20.30.50/24\nnode_id=consilium-2'* ]] && ok || fail "appliance.conf lacks the cluster settings: $conf"
[[ $conf == *$'\nrecording_directory=/srv/recordings/consilium\nrecording_min_free_mb=2048'* ]] && ok || fail "appliance.conf lacks the recordings settings: $conf"
[[ $conf != *"$MARK"* && $conf != *cluster_secret* ]] && ok || fail "appliance.conf holds a secret"
[[ $(stat -c %a "$WORK/appliance.conf") == 600 ]] && ok || fail "appliance.conf not mode 600"
[[ $(cat "$WORK/tool.stdin") == "cluster-secret-$MARK-0123456789" ]] && ok || fail "the cluster secret did not reach its tool on standard input"
[[ $(cat "$WORK/tool.args") != *"$MARK"* ]] && ok || fail "the cluster secret was on the tool's command line"
[[ $(cat "$WORK/fb.out") != *"$MARK"* ]] && ok || fail "the cluster secret was printed"
rm -f "$WORK/tool.stdin"
( # shellcheck disable=SC1091
  source "$ROOT/ansible/roles/firstboot/files/consilium-firstboot"
  CLUSTER_SECRET_TOOL=$WORK/tool; A=([hostname]=consilium-1); apply_cluster_secret
) > "$WORK/fb.out" 2>&1 || fail "apply_cluster_secret without peers failed: $(cat "$WORK/fb.out")"
[[ ! -e $WORK/tool.stdin ]] && ok || fail "without peers the cluster secret's tool ran"

# the console closed half-way: interrupted, not applied
screen=$(wizard_run <<<"consilium-4")
[[ $screen == *"== wizard: interrupted"* ]] && ok || fail "wizard: end of input not taken as interrupted"

# --- console_wizard: on a real terminal (a pseudo-terminal standing for tty1) ---------------
# The prompts show (bash shows read's prompt only on a terminal), what is typed is echoed but
# secrets are not, and the log (standard output before and after) gets none of it.
# The recordings questions: a folder with a space, then Enter (the data volume's); a number
# out of range, then 4096.
printf '%s\t%s\n' "Host name [consilium]:" consilium-5 "or dhcp) [dhcp]:" "" "NTP servers" "" \
  "Directory URL" "" "HSM PKCS#11 library" "" "[csr]:" "" "SIEM syslog" "" "hospital's PostgreSQL" "" "Cluster peers" "" \
  "Recordings folder" "$WORK/srv/vol/my recordings" "Recordings folder" "" "in MiB" 99999999 "in MiB" 4096 \
  "Enable SSH" "" "*Password:" "Typed-$MARK-2026" "*again:" "Typed-$MARK-2026" "[yes]:" "" > "$WORK/typing"
cat > "$WORK/console.sh" <<CONSOLE
exec > "$WORK/console.log" 2>&1 </dev/null
echo "before the wizard"
source "$ROOT/ansible/roles/firstboot/files/consilium-firstboot"
source "$WORK/recording-sandbox"
MNT=$WORK/disk
console_wizard /dev/tty; echo "after the wizard: \$?"
echo "A:hostname=\${A[hostname]}"
echo "A:recording_directory=\${A[recording_directory]} A:recording_min_free_mb=\${A[recording_min_free_mb]}"
CONSOLE
if screen=$(python3 "$ROOT/appliance-image/tests/pty-drive.py" "$WORK/typing" bash "$WORK/console.sh"); then ok; else fail "console_wizard on a terminal: $screen"; fi
[[ $screen == *"Host name [consilium]: consilium-5"* ]] && ok || fail "console: prompt and typed answer not on the terminal: $screen"
[[ $screen == *"Recordings folder: the data volume's, or a new folder on a disk mounted below /srv or /mnt [$WORK/data/recordings]: $WORK/srv/vol/my recordings"*"not accepted: not an absolute path"* \
   && $screen == *"Free space a new recording needs there, in MiB (64 to 1048576; a running one stops below half) [1024]: "* \
   && $screen == *"[1024]: 99999999"*"not accepted: not a whole number of MiB from 64 to 1048576"* ]] && ok \
  || fail "console: the recordings answers' refusals not on the terminal: $screen"
[[ $screen == *"directory_bind_password"* || $screen == *"admin_password "*"(set, not shown)"* ]] && ok || fail "console: no summary: $screen"
[[ $screen != *"$MARK"* ]] && ok || fail "console: the password typed was echoed"
log=$(cat "$WORK/console.log")
[[ $log == *"before the wizard"*"after the wizard: 0"*"A:hostname=consilium-5"* ]] && ok || fail "console: the log is not standard output around the wizard: $log"
[[ $log == *"A:recording_directory=$WORK/data/recordings A:recording_min_free_mb=4096"* ]] && ok || fail "console: the recordings answers not kept: $log"
[[ $log != *"Host name"* && $log != *"$MARK"* ]] && ok || fail "console: the wizard's screen went to the log: $log"

# the cluster secret generated at the console: shown on the terminal, never in the log
printf '%s\t%s\n' "Host name [consilium]:" consilium-8 "or dhcp) [dhcp]:" "" "NTP servers" "" \
  "Directory URL" "" "HSM PKCS#11 library" "" "[csr]:" "" "SIEM syslog" "" "hospital's PostgreSQL" "" "Cluster peers" 10.20.30.42 \
  "cluster network" "" "shared address" "" "(type/generate) [type]:" generate "written down" "" \
  "Recordings folder" "" "in MiB" "" "Enable SSH" "" "*Password:" "Typed-$MARK-2026" "*again:" "Typed-$MARK-2026" "[yes]:" "" > "$WORK/typing2"
cat > "$WORK/console2.sh" <<CONSOLE
exec > "$WORK/console2.log" 2>&1 </dev/null
source "$ROOT/ansible/roles/firstboot/files/consilium-firstboot"
source "$WORK/recording-sandbox"
MNT=$WORK/disk
console_wizard /dev/tty; echo "after the wizard: \$?"
echo "secret-sha256=\$(printf '%s' "\${A[cluster_secret]}" | sha256sum | cut -c1-64)"
CONSOLE
if screen=$(TERM=dumb python3 "$ROOT/appliance-image/tests/pty-drive.py" "$WORK/typing2" bash "$WORK/console2.sh"); then ok; else fail "console_wizard, generate: $screen"; fi
shown=$(grep -oE '[A-Z2-7]{4}(-[A-Z2-7]{4}){7}' <<<"$screen" | head -n 1 || true)
log=$(cat "$WORK/console2.log")
[[ -n $shown && $log == *"secret-sha256=$(printf '%s' "$shown" | sha256sum | cut -c1-64)"* ]] && ok \
  || fail "console: the generated secret was not shown, or is not the one kept: $screen"
[[ $log == *"after the wizard: 0"* && $log != *"$shown"* ]] && ok || fail "console: the generated secret went to the log: $log"

echo "firstboot-test: $passed checks passed, $failed failed"
((failed == 0))
