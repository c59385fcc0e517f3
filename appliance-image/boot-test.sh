#!/usr/bin/env bash
# Boot test of the built OVA: unpacks it and checks its manifest, boots its VMDK (behind a
# throwaway qcow2 overlay) in QEMU (KVM when it can run a kernel here, TCG otherwise) with
# user-mode networking in restrict mode (nothing leaves except the forwards below, all to
# loopback), gives the first boot an answer file on a disk labelled CONSILIUM, then checks:
#   - the first boot finished, /health/ready is UP (inside the VM, management on loopback),
#   - the sign-in page is served over TLS 1.2+ on https://appliance:443 (host 127.0.0.1:$HTTPS_PORT)
#     with the certificate imported at first boot (a PKCS#12 signed by a test hospital CA),
#   - SSH is key-only (a password is refused),
#   - from inside the VM, the configured directory is reachable and a connection to an
#     address that is not configured is dropped by nftables (the refused-outbound count goes
#     up, and survives a reload of the firewall; no answer),
#   - the settings agent: a request the server's user writes (new NTP and SIEM addresses) is
#     applied by the root agent (applied.conf, firewall sets, chrony, rsyslog, properties),
#     and a request that is a symbolic link is refused,
#   - day 2: ansible/site.yml over SSH with a changed setting applies it (the server restarts
#     and is ready again), and a second run reports no changes,
#   - consilium-backup: a backup, then the SoftHSM2 token and the audit table deleted, then
#     its restore brings both back and the server is ready again.
# The directory is the demo directory (server test classes) on the host's loopback, which the
# VM reaches as 10.0.2.100:389 through a QEMU guestfwd. Prints the figures; exit 0 on success.
# Usage: boot-test.sh [--kvm-only] [OVA]   (default: target/consilium-appliance-<version>.ova)
#   --kvm-only: exit 0 with a notice, without the TCG boot, when KVM cannot run the kernel (CI)
set -euo pipefail
KVM_ONLY=0
if [[ ${1:-} == --kvm-only ]]; then KVM_ONLY=1; shift; fi
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
VERSION=$(xmllint --xpath "/*[local-name()='project']/*[local-name()='version']/text()" "$ROOT/pom.xml")
OVA=${1:-$HERE/target/consilium-appliance-$VERSION.ova}
W=$HERE/target/boot-test
HTTPS_PORT=${CONSILIUM_BOOT_TEST_HTTPS_PORT:-18443}
SSH_PORT=${CONSILIUM_BOOT_TEST_SSH_PORT:-18022}
LDAP_PORT=${CONSILIUM_BOOT_TEST_LDAP_PORT:-10589}
DEADLINE=${CONSILIUM_BOOT_TEST_TIMEOUT:-2700}
ACCEL=${CONSILIUM_BOOT_TEST_ACCEL:-auto}   # auto (KVM if it runs the kernel, else TCG) | kvm | tcg
KVM_PROBE=${CONSILIUM_BOOT_TEST_KVM_PROBE:-150}
[[ $ACCEL =~ ^(auto|kvm|tcg)$ ]] || { echo "boot-test: CONSILIUM_BOOT_TEST_ACCEL is auto, kvm or tcg, not $ACCEL" >&2; exit 2; }
log() { printf '\033[1m[boot-test %4ds]\033[0m %s\n' "$SECONDS" "$*"; }
fail() { log "FAILED: $*"; log "serial console: $W/serial.log"; exit 1; }
for tool in qemu-system-x86_64 qemu-img socat ssh ssh-keygen curl openssl mkfs.ext4 java ansible-playbook; do
  command -v "$tool" >/dev/null || { echo "boot-test: $tool is missing (./consilium image-test installs it)" >&2; exit 1; }
done
[[ -f $OVA ]] || { echo "boot-test: no $OVA (build it: ./consilium image)" >&2; exit 1; }
for p in "$HTTPS_PORT" "$SSH_PORT" "$LDAP_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "boot-test: port $p is in use" >&2; exit 1; fi
done

rm -rf "$W" && mkdir -p "$W/answers"
log "unpacking $(basename "$OVA") ($(du -m "$OVA" | cut -f1) MiB) and checking its manifest"
first=$(tar -tf "$OVA" | head -n 1 || true)
[[ $first == *.ovf ]] || fail "the OVA's first member is $first, not the OVF descriptor"
tar -xf "$OVA" -C "$W"
(cd "$W" && sed -n 's/^SHA256(\(.*\))= \(.*\)$/\2  \1/p' ./*.mf | sha256sum -c --quiet) || fail "manifest mismatch"
xmllint --noout "$W"/*.ovf
vmdk=$(ls "$W"/*.vmdk)

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done; kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

log "demo directory on 127.0.0.1:$LDAP_PORT"
[[ -f $ROOT/server/target/demo-directory.classpath ]] || fail "no server/target/demo-directory.classpath (mvn package first)"
java -cp "$ROOT/server/target/test-classes:$(cat "$ROOT/server/target/demo-directory.classpath")" \
  org.consilium.server.directory.DemoDirectory "$LDAP_PORT" > "$W/directory.log" 2>&1 &
pids+=($!)

ssh-keygen -q -t ed25519 -N '' -C boot-test -f "$W/id_ed25519"
# the hospital's CA and the appliance's certificate, imported at first boot (tls_mode=import)
P=$W/pki; mkdir -p "$P"
# shellcheck source-path=SCRIPTDIR source=tests/pki.sh
source "$HERE/tests/pki.sh"
test_pki "$P" consilium-test.hospital.test 7
p12_password="P12-$(head -c 12 /dev/urandom | base64 | tr -d '/+=\n')"
openssl pkcs12 -export -inkey "$P/server.key" -in "$P/server.pem" -certfile "$P/ca.pem" -out "$W/answers/consilium.p12" \
  -passout "pass:$p12_password"
admin_password="Bt-$(head -c 18 /dev/urandom | base64 | tr -d '/+=\n')-9x"
# A static address (QEMU's default guest address, where its forwards go) with a gateway: in
# restrict mode QEMU's DHCP offers no router, and without a default route a connection to an
# outside address fails at once (ENETUNREACH) before the firewall could drop it.
cat > "$W/answers/answers.conf" <<ANS
hostname=consilium-test
ip=10.0.2.15/24
gateway=10.0.2.2
directory_url=ldap://10.0.2.100:389
directory_bind_dn=uid=consilium-service,ou=services,dc=consilium,dc=test
directory_bind_password=consilium-demo-service
directory_users_dn=ou=people,dc=consilium,dc=test
directory_groups_dn=ou=groups,dc=consilium,dc=test
directory_user_attribute=uid
tls_mode=import
tls_pkcs12=consilium.p12
tls_pkcs12_password=$p12_password
ssh_enabled=yes
admin_ssh_key=$(cat "$W/id_ed25519.pub")
admin_password=$admin_password
media_advertised_addresses=127.0.0.1
ANS
mkfs.ext4 -q -L CONSILIUM -d "$W/answers" "$W/answers.img" 8M

# KVM with the OVF's two vCPUs when it can run the image's kernel here: /dev/kvm is not enough
# (a nested KVM may run GRUB and then never the kernel), so a KVM boot that has not started the
# first boot within $KVM_PROBE s is stopped, and the VM boots again with TCG.
# TCG with one host thread and one vCPU: with a thread per vCPU (QEMU 7.2), Java crashed in
# freshly compiled code (SIGSEGV, SIGILL) in most boots, the code cache being written by one
# vCPU while another executes it. One thread running two vCPUs in turn is correct but slow:
# a vCPU spinning on a lock (the JVM's safepoints, the kernel's spinlocks) burns its turn
# while the holder waits for its own.
start_vm() { # start_vm ACCEL CPUS: boots a fresh overlay of the VMDK; sets qemu (pid) and t_boot
  accel=$1 cpus=$2
  rm -f "$W/disk.qcow2" "$W/serial.log"
  qemu-img create -q -f qcow2 -b "$vmdk" -F vmdk "$W/disk.qcow2"
  log "booting ($accel, $cpus vCPU, 3 GiB; serial console: $W/serial.log)"
  t_boot=$SECONDS
  qemu-system-x86_64 -accel "$accel" -smp "$cpus" -m 3072 -nographic -no-reboot \
    -serial "file:$W/serial.log" -monitor none \
    -device ahci,id=ahci \
    -drive "file=$W/disk.qcow2,format=qcow2,if=none,id=d0" -device ide-hd,drive=d0,bus=ahci.0 \
    -drive "file=$W/answers.img,format=raw,if=none,id=d1,snapshot=on" -device ide-hd,drive=d1,bus=ahci.1 \
    -netdev "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:$HTTPS_PORT-:443,hostfwd=tcp:127.0.0.1:$SSH_PORT-:22,guestfwd=tcp:10.0.2.100:389-cmd:socat - TCP:127.0.0.1:$LDAP_PORT" \
    -device e1000,netdev=n0 > "$W/qemu.log" 2>&1 &
  qemu=$!
  pids=("$qemu" "${pids[@]}")
}
stop_vm() { kill "$qemu" 2>/dev/null || true; wait "$qemu" 2>/dev/null || true; }
kvm_runs_kernel() { # after start_vm kvm: true once the first boot announces itself on the console
  local t0=$SECONDS
  while ((SECONDS - t0 < KVM_PROBE)); do
    grep -aq '\[consilium-firstboot\]' "$W/serial.log" 2>/dev/null && return 0
    kill -0 "$qemu" 2>/dev/null || return 1
    sleep 2
  done
  return 1
}
use_kvm=
case $ACCEL in
  kvm) use_kvm=yes; start_vm kvm 2 ;;
  auto) if [[ -w /dev/kvm ]]; then
          start_vm kvm 2
          if kvm_runs_kernel; then use_kvm=yes; else log "KVM did not get to the first boot within $KVM_PROBE s; stopping it"; stop_vm; fi
        fi ;;
esac
if [[ -z $use_kvm ]]; then
  if ((KVM_ONLY)); then
    log "skipped: KVM cannot run the image's kernel on this machine ($( [[ -w /dev/kvm ]] && echo 'it did not get to the first boot' || echo 'no writable /dev/kvm')), and a TCG boot test takes about 50 min: run ./consilium image-test"
    exit 0
  fi
  start_vm tcg,thread=single 1
fi

vm() { ssh -q -i "$W/id_ed25519" -p "$SSH_PORT" -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
         -o ConnectTimeout=10 consilium-admin@127.0.0.1 "$@"; }
vm_root() { printf '%s\n' "$admin_password" | vm "sudo -S -p '' $*"; }
until_ok() { # until_ok WHAT CMD...: polls until CMD succeeds, the VM stops or DEADLINE s of waiting pass
  local what=$1 t0=$SECONDS; shift
  until "$@" >/dev/null 2>&1; do
    kill -0 "$qemu" 2>/dev/null || fail "the VM stopped while waiting for $what"
    ((SECONDS - t0 < DEADLINE)) || fail "no $what after waiting $DEADLINE s"
    sleep 5
  done
}
until_ok "SSH login" vm true
t_ssh=$((SECONDS - t_boot)); log "SSH answers with the key after $t_ssh s"
first_boot_done() { vm systemctl show -p ActiveState --value consilium-firstboot | grep -qx 'active\|failed'; }
until_ok "end of the first boot" first_boot_done
if vm systemctl is-failed -q consilium-firstboot; then
  vm_root cat /var/log/consilium-firstboot.log > "$W/firstboot.log" || true
  fail "the first boot failed: $(tail -n 3 "$W/firstboot.log")"
fi
t_first=$((SECONDS - t_boot)); log "first boot done after $t_first s"
ready() { vm curl -fsS http://127.0.0.1:9990/health/ready | grep -q '"status":"UP"'; }
until_ok "/health/ready UP" ready
t_ready=$((SECONDS - t_boot)); log "/health/ready UP after $t_ready s"
log "hypervisor seen by the VM: $(vm systemd-detect-virt --vm || true); the server's JIT: $(vm "ps -o args= -C java" | grep -o 'TieredStopAtLevel=[0-9]' | sort -u || echo C2)"
vm curl -sS http://127.0.0.1:9990/health/ready > "$W/health.json"

log "sign-in page over TLS"
page=$(curl -ksS --tlsv1.2 -w '\n%{http_code} %{ssl_verify_result}' -L "https://127.0.0.1:$HTTPS_PORT/") || fail "no HTTPS answer"
grep -qi 'password' <<<"$page" || fail "no sign-in form at https://…/"
tls=$(echo | openssl s_client -connect "127.0.0.1:$HTTPS_PORT" 2>/dev/null | grep -o 'TLSv1\.[0-9]' | head -n 1 || true)
log "sign-in page served ($(tail -n 1 <<<"$page" | cut -d' ' -f1)) over ${tls:-TLS}"
# the imported certificate: verified against the hospital CA, for the appliance's name
curl -sS -o /dev/null --cacert "$P/ca.pem" --resolve "consilium-test.hospital.test:$HTTPS_PORT:127.0.0.1" \
  "https://consilium-test.hospital.test:$HTTPS_PORT/" || fail "the certificate served is not the imported one (curl: $?)"
log "the certificate imported at first boot is served (verified against the hospital CA)"
if curl -ksS --max-time 10 --tls-max 1.1 "https://127.0.0.1:$HTTPS_PORT/" >/dev/null 2>&1; then fail "TLS 1.1 accepted"; fi

log "SSH refuses passwords"
if ssh -q -p "$SSH_PORT" -o BatchMode=yes -o PubkeyAuthentication=no -o PreferredAuthentications=password \
     -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null consilium-admin@127.0.0.1 true 2>/dev/null; then
  fail "SSH accepted a login without the key"
fi

log "outbound firewall"
refused() { vm_root /usr/local/sbin/consilium-firewall-count show | sed -n 's/^refused_out_packets=//p'; }
before=$(refused)
vm "timeout 10 bash -c 'exec 3<>/dev/tcp/10.0.2.100/389'" || fail "the configured directory is not reachable from the VM"
if vm "timeout 10 bash -c 'exec 3<>/dev/tcp/10.0.2.2/$LDAP_PORT'"; then fail "a connection to a non-configured address went through"; fi
rc=0; vm "timeout 8 bash -c 'exec 3<>/dev/tcp/192.0.2.10/80'" || rc=$?
[[ $rc == 124 ]] || fail "the connection to a non-configured address was not silently dropped (exit $rc)"
after=$(refused)
((after > before)) || fail "the refused-outbound count did not move ($before -> $after)"
vm_root systemctl reload nftables || fail "nftables did not reload"
reloaded=$(refused)
((reloaded >= after)) || fail "the refused-outbound count went back after a firewall reload ($after -> $reloaded)"
vm_root systemctl start consilium-firewall-count.service || fail "consilium-firewall-count.service failed"
counted=$(vm_root sed -n 's/^refused_out_packets=//p' /var/lib/consilium-firewall/refused-out.conf)
((counted >= reloaded)) || fail "the count file (the dashboard's) holds ${counted:-nothing}, not at least $reloaded"
log "outbound to a non-configured address dropped (refused count $before -> $after, $reloaded after a reload); the directory reachable"

log "settings agent (the console's Settings page)"
cat > "$W/settings-check.sh" <<'CHECK'
# runs as root in the VM: asks as the server's user, as the console does, then checks
set -u
d=/var/lib/consilium/settings
fail() { echo "$*"; exit 1; }
[[ $(stat -c '%U:%G %a' "$d") == "root:consilium 2770" ]] || fail "$d is $(stat -c '%U:%G %a' "$d")"
systemctl is-active -q consilium-settings.path || fail "consilium-settings.path is not active"
ask() { # ask ID: writes requested.conf as user consilium (temp file + rename), from stdin
  runuser -u consilium -- sh -c "umask 077; cat > $d/.request.tmp && mv $d/.request.tmp $d/requested.conf"
}
answered() { # answered ID RESULT
  for _ in $(seq 90); do
    grep -qx "request_id=$1" "$d/applied.conf" 2>/dev/null && grep -qx "result=$2" "$d/applied.conf" && return 0
    sleep 1
  done
  fail "no answer result=$2 for request $1: $(tr '\n' ' ' < "$d/applied.conf" 2>/dev/null); $(journalctl -q -u consilium-settings -n 20 --no-pager | tr '\n' ' ')"
}
id=$(cat /proc/sys/kernel/random/uuid)
t0=$(date +%s%N)
printf 'request_id=%s\nntp_servers=192.0.2.123\nsiem_host=192.0.2.124\nsiem_port=6514\n' "$id" | ask
answered "$id" applied
echo "applied in $((($(date +%s%N) - t0) / 1000000)) ms: $(sed -n 's/^message=//p' "$d/applied.conf")"
nft list set inet consilium out_udp | grep -q '192.0.2.123 . 123' || fail "NTP server not in out_udp"
nft list set inet consilium out_tcp | grep -q '192.0.2.124 . 6514' || fail "SIEM not in out_tcp"
grep -qx 'server 192.0.2.123 iburst' /etc/chrony/sources.d/consilium.sources || fail "chrony sources not written"
grep -q 'target="192.0.2.124"' /etc/rsyslog.d/60-consilium-siem.conf || fail "rsyslog forwarding not written"
systemctl is-active -q rsyslog || fail "rsyslog not running after the change"
grep -qx 'consilium.siem.host=192.0.2.124' /etc/consilium/consilium.properties || fail "properties not written"
grep -qx 'ntp_servers=192.0.2.123' /etc/consilium/appliance.conf || fail "appliance.conf not merged"
[[ $(stat -c '%U:%G %a' "$d/applied.conf") == "root:consilium 640" ]] || fail "applied.conf is $(stat -c '%U:%G %a' "$d/applied.conf")"
runuser -u consilium -- cat "$d/applied.conf" >/dev/null || fail "the server cannot read the answer"
# a symbolic link to a root-only file: refused, never read
runuser -u consilium -- sh -c "ln -s /etc/shadow $d/.link && mv -T $d/.link $d/requested.conf"
for _ in $(seq 90); do grep -q 'symbolic link' "$d/applied.conf" && break; sleep 1; done
grep -qx 'result=refused' "$d/applied.conf" && grep -q 'symbolic link' "$d/applied.conf" || fail "a linked request was not refused: $(tr '\n' ' ' < "$d/applied.conf")"
! systemctl is-failed -q consilium-settings || fail "consilium-settings.service failed"
echo "refused: $(sed -n 's/^message=//p' "$d/applied.conf")"
CHECK
vm "cat > /tmp/settings-check.sh" < "$W/settings-check.sh"
out=$(vm_root bash /tmp/settings-check.sh 2>&1) || fail "settings agent: $out"
while IFS= read -r line; do log "  $line"; done <<<"$out"
vm_root systemctl is-active consilium >/dev/null || fail "the server stopped after the settings change"

log "day 2: ansible site.yml over SSH, as hospital IT runs it (a changed setting, then a run that changes nothing)"
cat > "$W/day2-inventory.yml" <<INV
consilium:
  hosts:
    appliance:
      ansible_host: 127.0.0.1
      ansible_port: $SSH_PORT
  vars:
    ansible_user: consilium-admin
    ansible_ssh_private_key_file: $W/id_ed25519
    ansible_ssh_common_args: -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
    ansible_become: true
    consilium_session_idle_timeout: PT20M
INV
(umask 077 && printf 'ansible_become_password: "%s"\n' "$admin_password" > "$W/day2-secrets.yml")
playbook() { # playbook N: runs site.yml, its output in day2-N.log; prints the recap line
  (cd "$ROOT/ansible" && ANSIBLE_CONFIG="$ROOT/ansible/ansible.cfg" ansible-playbook -i "$W/day2-inventory.yml" \
     -e "@$W/day2-secrets.yml" site.yml) > "$W/day2-$1.log" 2>&1 || fail "site.yml run $1: $(tail -n 5 "$W/day2-$1.log")"
  grep -A1 'PLAY RECAP' "$W/day2-$1.log" | tail -n 1
}
t0=$SECONDS
recap=$(playbook 1)
log "  first run ($((SECONDS - t0)) s): $recap"
[[ $recap =~ changed=[1-9] ]] || fail "the changed setting was not applied: $recap"
vm_root grep -qx 'consilium.session.idle-timeout=PT20M' /etc/consilium/consilium.properties \
  || fail "site.yml did not write the idle timeout into consilium.properties"
t0=$SECONDS
until_ok "/health/ready UP after the day-2 change" ready
log "  /health/ready UP again $((SECONDS - t0)) s after the run (the server restarted for its new settings)"
t0=$SECONDS
recap=$(playbook 2)
log "  second run ($((SECONDS - t0)) s): $recap"
[[ $recap =~ changed=0 ]] || fail "the second site.yml run changed something: $recap (day2-2.log)"

log "backup and restore (consilium-backup): a backup, then the token, the audit table and a marker table lost, then the restore"
cat > "$W/backup-check.sh" <<'CHECK'
# runs as root in the VM
set -u
cd /
fail() { echo "$*"; exit 1; }
q() { runuser -u postgres -- psql -d consilium -tAq -c "$1"; }
# what must come back: a marker row, the audit trail's rows (and its last event's hash), the token
marker=$(cat /proc/sys/kernel/random/uuid)
q "create table boot_test_marker (v text); insert into boot_test_marker values ('$marker')" >/dev/null || fail "cannot write the marker"
events=$(q "select count(*) from audit_event") || fail "cannot read the audit trail"
head=$(q "select sequence || ':' || encode(hash, 'hex') from audit_event order by sequence desc limit 1")
t0=$(date +%s)
archive=$(consilium-backup) || fail "consilium-backup failed"
echo "backup in $(($(date +%s) - t0)) s: $(basename "$archive"), $(du -k "$archive" | cut -f1) KiB, mode $(stat -c %a "$archive")"
consilium-backup check "$archive" >/dev/null || fail "the fresh archive does not pass its check"
systemctl stop consilium
rm -rf /var/lib/consilium/standalone/data/softhsm2/tokens
q "drop table audit_event cascade; drop table boot_test_marker" >/dev/null
t0=$(date +%s)
out=$(consilium-backup restore "$archive" 2>&1) || fail "restore: $out"
echo "restored in $(($(date +%s) - t0)) s"
compgen -G '/var/lib/consilium/standalone/data/softhsm2/tokens/*/token.object' >/dev/null || fail "the token is not back"
[[ $(q "select v from boot_test_marker") == "$marker" ]] || fail "the marker row is not back"
(( $(q "select count(*) from audit_event") >= events )) || fail "the audit trail's $events events are not back"
if [[ -n $head ]]; then
  [[ $(q "select sequence || ':' || encode(hash, 'hex') from audit_event where sequence = ${head%%:*}") == "$head" ]] \
    || fail "the audit trail's last event (${head%%:*}) is not back as it was"
fi
q "drop table boot_test_marker" >/dev/null
echo "the token, the marker row and the audit trail ($events events${head:+, the last with its hash}) are back"
compgen -G '/var/backups/consilium/before-restore-*.tar.gz' >/dev/null || fail "no before-restore archive"
CHECK
vm "cat > /tmp/backup-check.sh" < "$W/backup-check.sh"
out=$(vm_root bash /tmp/backup-check.sh 2>&1) || fail "backup and restore: $out"
while IFS= read -r line; do log "  $line"; done <<<"$out"
t0=$SECONDS
until_ok "/health/ready UP after the restore" ready
log "  /health/ready UP $((SECONDS - t0)) s after the restore (database, directory, HSM with the restored token, media)"

log "kernel settings, USBGuard, AIDE, the units' exposure (what the build's lynis and systemd-analyze were shown)"
cat > "$W/hardening-check.sh" <<'CHECK'
# runs as root in the VM: the kernel has the values the image configures (the build's lynis
# was given these, lynis-sysctl); USBGuard runs; AIDE has the image's database; every
# Consilium unit's systemd-analyze security exposure is OK or better (below 5.0)
bad=0
while IFS='=' read -r k v; do
  k=${k//[[:space:]]/}; v=$(echo $v)
  [[ -z $k || $k == \#* ]] && continue
  got=$(sysctl -n "$k" 2>/dev/null | xargs)
  [[ $got == "$v" ]] || { echo "sysctl $k is '$got', the image sets '$v'"; bad=1; }
done < /etc/sysctl.d/99-zz-consilium.conf
systemctl is-active -q usbguard || { echo "usbguard is not active"; bad=1; }
[[ -s /var/lib/aide/aide.db ]] || { echo "no AIDE database"; bad=1; }
for u in consilium consilium-settings consilium-firstboot consilium-firewall-count consilium-dhcp-lease; do
  e=$(systemd-analyze security "$u.service" 2>/dev/null | sed -n 's/.*exposure level for .*: \([0-9.]*\) .*/\1/p')
  echo "exposure $u $e"
  awk -v e="${e:-10}" 'BEGIN { exit !(e < 5.0) }' || { echo "$u.service exposure ${e:-unknown}: not OK"; bad=1; }
done
exit $bad
CHECK
vm "cat > /tmp/hardening-check.sh" < "$W/hardening-check.sh"
out=$(vm_root bash /tmp/hardening-check.sh 2>&1) || fail "hardening: $out"
while IFS= read -r line; do log "  $line"; done <<<"$out"

vm_root systemctl is-active consilium postgresql nftables chrony > "$W/services.txt" || fail "a service is not active: $(tr '\n' ' ' < "$W/services.txt")"
vm_root systemctl --failed --no-legend > "$W/failed-units.txt" || true
[[ -s $W/failed-units.txt ]] && log "failed units: $(tr '\n' ' ' < "$W/failed-units.txt")"
vm_root cat /var/log/consilium-firstboot.log > "$W/firstboot.log" || true
vm_root systemctl poweroff >/dev/null 2>&1 || true
for _ in $(seq 60); do kill -0 "$qemu" 2>/dev/null || break; sleep 1; done

cat <<FIG

  boot test passed ($accel): SSH after $t_ssh s, first boot done after $t_first s, /health/ready UP after $t_ready s
  OVA $(basename "$OVA"): $(du -m "$OVA" | cut -f1) MiB

FIG
