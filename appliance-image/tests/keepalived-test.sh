#!/bin/bash
# Test of the cluster's shared address (consilium-apply's vip section: cluster_vip →
# /etc/keepalived/keepalived.conf, keepalived on or off):
#   1. the VRRP router id from the address (sum of its numbers mod 255, plus 1; one per
#      address of a /24);
#   2. the configuration: every appliance BACKUP with nopreempt, unicast from this
#      appliance's cluster address to the other peers (names resolved, itself left out), the
#      router id, the address on the interface of the cluster address (or the one given, or
#      the default route's), the server's readiness as a tracked script (FAULT when not
#      ready), no VRRP password;
#   3. the section: written 0640, keepalived enabled and started, a second run changes
#      nothing, a change reloads (never restarts) a running keepalived, no cluster_vip:
#      configuration removed, keepalived disabled and stopped;
#   4. refusals, with the key named and nothing changed: the appliance's own address, a
#      peer's, malformed ones, another subnet, no peers, a bad interface name;
#   5. keepalived -t on the generated file, in a network namespace with an interface of the
#      configuration's name (needs root, unshare, ip and keepalived; else skipped, said).
# Sources consilium-apply (functions only) with the paths redirected; no root, no appliance.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/keepalived-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export CONSILIUM_CONF=$WORK/appliance.conf CONSILIUM_KEEPALIVED_CONF=$WORK/keepalived/keepalived.conf
export CONSILIUM_CHECKS=$ROOT/ansible/roles/base/files/consilium-checks.sh CONSILIUM_KEEPALIVED=/bin/true
export PATH=$PATH:/usr/sbin:/sbin
KC=$CONSILIUM_KEEPALIVED_CONF
passed=0 failed=0 skipped=()
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
has() { if grep -qxF -- "$2" "$1"; then ok; else fail "$3: no line '$2' in: $(cat "$1")"; fi; }
hasnt() { if grep -qF -- "$2" "$1"; then fail "$3: '$2' in: $(cat "$1")"; else ok; fi; }

# in_apply COMMAND...: COMMAND in a subshell that sourced consilium-apply, on a made-up
# network: this appliance is 10.20.30.42 on ens192 (FAKE_ADDR_LINE), the route to any peer
# leaves from FAKE_ROUTE_SRC, the default route is on FAKE_DEFAULT_DEV;
# consilium-3.hospital.example is 10.20.30.43. systemctl is a stand-in that logs its calls
# to $WORK/systemctl.log (enabled: $WORK/enabled, running: $WORK/running); booted unless
# FAKE_BOOTED=no.
in_apply() {
  (
    # shellcheck disable=SC1091 # sourced for its functions
    source "$ROOT/ansible/roles/base/files/consilium-apply"
    trap - ERR
    booted() { [[ ${FAKE_BOOTED:-yes} == yes ]]; }
    ip() {
      case "$*" in
        "-4 -o route get "*) [[ -n ${FAKE_ROUTE_SRC:-} ]] || return 2
                             echo "$5 via 10.20.30.1 dev ens192 src $FAKE_ROUTE_SRC uid 0 \\    cache" ;;
        "-4 -o addr show") echo "1: lo    inet 127.0.0.1/8 scope host lo"
                           echo "${FAKE_ADDR_LINE:-2: ens192    inet 10.20.30.42/24 brd 10.20.30.255 scope global ens192}" ;;
        "-4 -o addr show scope global") echo "${FAKE_ADDR_LINE:-2: ens192    inet 10.20.30.42/24 brd 10.20.30.255 scope global ens192}" ;;
        "-4 -o route show default") echo "default via 10.20.30.1 dev ${FAKE_DEFAULT_DEV:-ens192} proto static" ;;
        *) echo "unexpected: ip $*" >&2; return 2 ;;
      esac
    }
    getent() {
      case "$*" in
        "ahostsv4 consilium-3.hospital.example") echo "10.20.30.43     STREAM consilium-3.hospital.example" ;;
        "ahostsv4 consilium-2") echo "127.0.1.1       STREAM consilium-2" ;;
        *) return 2 ;;
      esac
    }
    systemctl() {
      echo "systemctl $*" >> "$WORK/systemctl.log"
      case $1 in
        is-enabled) [[ -e $WORK/enabled ]] ;;
        is-active) [[ -e $WORK/running ]] ;;
        enable) touch "$WORK/enabled" ;;
        disable) rm -f "$WORK/enabled" ;;
        restart|start) touch "$WORK/running" ;;
        stop) rm -f "$WORK/running" ;;
      esac
    }
    running() { systemctl is-active -q "$1"; }
    "$@"
  )
}
conf_of() { printf '%b\n' "$1" > "$CONSILIUM_CONF"; }
apply_vip_run() { # apply_vip_run: apply_vip, then CHANGED; its output in $WORK/out
  : > "$WORK/systemctl.log"
  # shellcheck disable=SC2016 # expanded in the subshell
  in_apply eval 'apply_vip; echo "CHANGED=${CHANGED[*]:-}"' > "$WORK/out" 2>&1
}
export FAKE_ROUTE_SRC=10.20.30.42

# --- 1. the VRRP router id -----------------------------------------------------------------------
while read -r addr want; do
  got=$(in_apply vrid_of "$addr")
  [[ $got == "$want" ]] && ok || fail "vrid_of $addr: $got, expected $want"
done <<'EOF'
10.20.30.50 111
10.20.30.51 112
192.168.1.10 117
10.20.30.255 61
255.255.255.254 255
172.16.0.254 188
EOF
# every address of one /24 has a router id of its own
ids=$(for o in $(seq 1 254); do in_apply vrid_of "10.20.30.$o"; done | sort -u | wc -l)
[[ $ids == 254 ]] && ok || fail "the 254 addresses of a /24 share router ids: $ids distinct"

# --- 2. the configuration ------------------------------------------------------------------------
conf_of 'hostname=consilium-2\nnode_id=consilium-b\ncluster_peers=10.20.30.41,consilium-3.hospital.example,10.20.30.42\ncluster_vip=10.20.30.50/24'
in_apply eval 'vip_settings; keepalived_conf' > "$WORK/k.conf" 2> "$WORK/err" || fail "keepalived_conf: $(cat "$WORK/err")"
has "$WORK/k.conf" "  state BACKUP" "every appliance starts as a backup"
has "$WORK/k.conf" "  nopreempt" "a recovered appliance does not take the address back"
hasnt "$WORK/k.conf" "MASTER" "no appliance starts as master"
has "$WORK/k.conf" "  virtual_router_id 111" "router id: 10+20+30+50 = 110 mod 255, plus 1"
has "$WORK/k.conf" "  priority 100" "one priority on every appliance"
has "$WORK/k.conf" "  advert_int 0.5" "an advertisement every half second"
has "$WORK/k.conf" "  vrrp_version 3" "VRRPv3 (sub-second advertisements)"
has "$WORK/k.conf" "  unicast_src_ip 10.20.30.42" "VRRP from this appliance's cluster address"
sed -n '/unicast_peer {/,/}/p' "$WORK/k.conf" > "$WORK/peers"
has "$WORK/peers" "    10.20.30.41" "a peer by address"
has "$WORK/peers" "    10.20.30.43" "a peer by name, resolved"
hasnt "$WORK/peers" "10.20.30.42" "this appliance is not its own peer"
has "$WORK/k.conf" "  interface ens192" "the interface of the cluster address"
has "$WORK/k.conf" "    10.20.30.50/24 dev ens192" "the shared address with its prefix, on that interface"
has "$WORK/k.conf" "  router_id consilium-b" "keepalived's router id: the node id"
has "$WORK/k.conf" '  script "/usr/bin/curl -fsS -o /dev/null --max-time 2 http://127.0.0.1:9990/health/live"' "the check: the server's liveness (not the directory's or the database's)"
sed -n '/vrrp_script consilium_ready {/,/}/p' "$WORK/k.conf" > "$WORK/script"
for line in "  interval 1" "  fall 2" "  rise 2" "  init_fail"; do has "$WORK/script" "$line" "the readiness check"; done
hasnt "$WORK/script" "weight" "the check has no weight: not ready is FAULT (with nopreempt a lower priority would move nothing)"
sed -n '/track_script {/,/}/p' "$WORK/k.conf" > "$WORK/track"
has "$WORK/track" "    consilium_ready" "the instance tracks the readiness check"
hasnt "$WORK/k.conf" "authentication" "no VRRP password (the firewall admits only the peers)"
has "$WORK/k.conf" "  script_user nobody nogroup" "the check runs unprivileged"
# a plain address: /32; the interface given; node_id unset: the host name
conf_of 'hostname=consilium-2\ncluster_peers=10.20.30.41\ncluster_vip=10.20.30.50\ncluster_vip_interface=ens224'
in_apply eval 'vip_settings; keepalived_conf' > "$WORK/k.conf" 2> "$WORK/err" || fail "keepalived_conf, plain address: $(cat "$WORK/err")"
has "$WORK/k.conf" "    10.20.30.50/32 dev ens224" "a plain address as /32 on the interface given"
has "$WORK/k.conf" "  interface ens224" "cluster_vip_interface wins"
has "$WORK/k.conf" "  router_id consilium-2" "no node_id: the host name"
# the cluster address on no interface (not up yet): the default route's interface
conf_of 'hostname=consilium-2\ncluster_peers=10.20.30.41\ncluster_address=10.20.30.42\ncluster_vip=10.20.30.50'
FAKE_ADDR_LINE="2: ens256    inet 10.99.0.2/24 brd 10.99.0.255 scope global ens256" FAKE_DEFAULT_DEV=ens256 \
  in_apply eval 'vip_settings; keepalived_conf' > "$WORK/k.conf" 2> "$WORK/err" || fail "keepalived_conf, default route: $(cat "$WORK/err")"
has "$WORK/k.conf" "  interface ens256" "the cluster address on no interface: the default route's"
# only itself listed (the first appliance, before the second exists): no peer, said
conf_of 'hostname=consilium-2\ncluster_peers=10.20.30.42\ncluster_vip=10.20.30.50'
in_apply eval 'vip_settings; keepalived_conf' > "$WORK/k.conf" 2> "$WORK/err" || fail "keepalived_conf, alone: $(cat "$WORK/err")"
[[ $(sed -n '/unicast_peer {/,/}/p' "$WORK/k.conf" | wc -l) == 2 ]] && ok || fail "alone: peers listed: $(cat "$WORK/k.conf")"

# --- 3. the section ------------------------------------------------------------------------------
rm -f "$WORK/enabled" "$WORK/running"
conf_of 'hostname=consilium-2\ncluster_peers=10.20.30.41,10.20.30.42\ncluster_vip=10.20.30.50/24'
apply_vip_run || fail "apply_vip: $(cat "$WORK/out")"
has "$WORK/out" "CHANGED=vip" "the first run changes the vip section"
[[ -f $KC && $(stat -c %a "$KC") == 640 ]] && ok || fail "keepalived.conf not written 0640: $(stat -c %a "$KC" 2>&1)"
has "$WORK/systemctl.log" "systemctl enable -q keepalived" "keepalived enabled"
has "$WORK/systemctl.log" "systemctl restart keepalived" "keepalived started"
apply_vip_run || fail "apply_vip again: $(cat "$WORK/out")"
has "$WORK/out" "CHANGED=" "a second run changes nothing"
hasnt "$WORK/systemctl.log" "restart" "a second run restarts nothing"
hasnt "$WORK/systemctl.log" "reload" "a second run reloads nothing"
conf_of 'hostname=consilium-2\ncluster_peers=10.20.30.41,10.20.30.42,consilium-3.hospital.example\ncluster_vip=10.20.30.50/24'
apply_vip_run || fail "apply_vip with a new peer: $(cat "$WORK/out")"
has "$WORK/out" "CHANGED=vip" "a new peer changes the vip section"
has "$WORK/systemctl.log" "systemctl reload keepalived" "a running keepalived reads the change by a reload"
hasnt "$WORK/systemctl.log" "restart" "a running keepalived is not restarted (the holder would give the address up)"
grep -qxF "    10.20.30.43" "$KC" && ok || fail "the new peer not in keepalived.conf"
# the image (not booted): written and enabled, nothing started
rm -f "$WORK/enabled" "$WORK/running" "$KC"
FAKE_BOOTED=no apply_vip_run || fail "apply_vip, not booted: $(cat "$WORK/out")"
[[ -f $KC ]] && ok || fail "not booted: keepalived.conf not written"
hasnt "$WORK/systemctl.log" "restart" "not booted: nothing started"
# cluster_vip removed: the configuration removed, keepalived disabled and stopped
touch "$WORK/enabled" "$WORK/running"
conf_of 'hostname=consilium-2\ncluster_peers=10.20.30.41,10.20.30.42'
apply_vip_run || fail "apply_vip without cluster_vip: $(cat "$WORK/out")"
[[ ! -e $KC ]] && ok || fail "no cluster_vip: keepalived.conf left"
has "$WORK/systemctl.log" "systemctl disable -q keepalived" "no cluster_vip: keepalived disabled"
has "$WORK/systemctl.log" "systemctl stop keepalived" "no cluster_vip: keepalived stopped"
has "$WORK/out" "CHANGED=vip" "removing the shared address is a change"
apply_vip_run || fail "apply_vip without cluster_vip, again: $(cat "$WORK/out")"
has "$WORK/out" "CHANGED=" "without cluster_vip a second run changes nothing"
# keepalived not installed (an appliance of an older image): refused, said
conf_of 'hostname=consilium-2\ncluster_peers=10.20.30.41\ncluster_vip=10.20.30.50'
if CONSILIUM_KEEPALIVED=$WORK/no-keepalived apply_vip_run; then fail "apply_vip without keepalived: accepted"
else has "$WORK/out" "consilium-apply: cluster_vip is set, but keepalived is not installed (an appliance from an older image: install the package keepalived)" "without keepalived"; fi

# --- 4. refusals -----------------------------------------------------------------------------------
conf_of 'hostname=consilium-2\ncluster_peers=10.20.30.41\ncluster_vip=10.20.30.50/24'
apply_vip_run || fail "apply_vip, good settings: $(cat "$WORK/out")"
cp "$KC" "$WORK/before"
while IFS='|' read -r lines reason; do
  [[ -z $lines || $lines == '#'* ]] && continue
  reason=${reason//WORK/$CONSILIUM_CONF}
  conf_of "hostname=consilium-2\\n$lines"
  if apply_vip_run; then
    fail "$lines: accepted"
  else
    if grep -qF -- "$reason" "$WORK/out" && grep -q 'the shared address left as it was' "$WORK/out"; then ok; else fail "$lines: message $(cat "$WORK/out")"; fi
    if cmp -s "$WORK/before" "$KC"; then ok; else fail "$lines: keepalived.conf changed"; fi
  fi
done <<'EOF'
# (WORK in a message: the configuration file's path)
# the appliance's own address (found by route), a peer's (by address, by name)
cluster_peers=10.20.30.41\ncluster_vip=10.20.30.42|cluster_vip=10.20.30.42 in WORK: this appliance's own address
cluster_peers=10.20.30.41\ncluster_address=10.20.30.42\ncluster_vip=10.20.30.42/24|this appliance's own address
cluster_peers=10.20.30.41\nip=10.20.30.44/24\ncluster_address=10.20.30.42\ncluster_vip=10.20.30.44|this appliance's own address
cluster_peers=10.20.30.41\ncluster_vip=10.20.30.41|one of cluster_peers
cluster_peers=10.20.30.41,consilium-3.hospital.example\ncluster_vip=10.20.30.43|one of cluster_peers
# malformed
cluster_peers=10.20.30.41\ncluster_vip=10.20.30.500|cluster_vip=10.20.30.500 in WORK: not an IPv4 address
cluster_peers=10.20.30.41\ncluster_vip=10.20.30.50/33|not an IPv4 address or address/prefix
cluster_peers=10.20.30.41\ncluster_vip=10.20.30.50/24/24|not an IPv4 address or address/prefix
cluster_peers=10.20.30.41\ncluster_vip=video.hospital.example|not an IPv4 address or address/prefix
cluster_peers=10.20.30.41\ncluster_vip=224.0.0.18|not a unicast address
cluster_peers=10.20.30.41\ncluster_vip=127.0.0.5|not a unicast address
cluster_peers=10.20.30.41\ncluster_vip=10.20.30.0/24|the network's own or broadcast address
# another subnet than this appliance's (its prefix given, or the static address's)
cluster_peers=10.20.30.41\ncluster_vip=10.20.31.50/24|not in the subnet of this appliance's address 10.20.30.42/24
cluster_peers=10.20.30.41\nip=10.20.30.42/24\ncluster_vip=10.20.31.50|not in the subnet of this appliance's address 10.20.30.42/24
# no peers; a bad interface name
cluster_vip=10.20.30.50|only with cluster_peers
cluster_peers=10.20.30.41\ncluster_vip=10.20.30.50\ncluster_vip_interface=ens192;reboot|cluster_vip_interface=ens192;reboot in WORK: not a network interface name
EOF

# --- 5. keepalived -t on the generated file ------------------------------------------------------
if [[ $(id -u) == 0 ]] && command -v keepalived >/dev/null && command -v unshare >/dev/null && command -v ip >/dev/null \
   && unshare --net true 2>/dev/null; then
  conf_of 'hostname=consilium-2\nnode_id=consilium-b\ncluster_peers=10.20.30.41,consilium-3.hospital.example,10.20.30.42\ncluster_vip=10.20.30.50/24'
  in_apply eval 'vip_settings; keepalived_conf' > "$WORK/k.conf" 2> "$WORK/err" || fail "keepalived_conf for -t: $(cat "$WORK/err")"
  # keepalived 2.2.7's -t ends by SIGTERM to itself (exit 143) when the file is good, and
  # exits 0 or 143 with its complaints on standard error (or another code when fatal) when
  # not: the test is no complaint at all
  check_t() { # check_t FILE: keepalived -t in a namespace with the interface ens192
    local rc=0
    # (the namespace's shell's own words on the signal go to /dev/null, keepalived's to t.out)
    unshare --net bash -c 'ip link add ens192 type veth peer name ens192p && ip link set lo up && ip link set ens192 up \
      && ip addr add 10.20.30.42/24 dev ens192 && { keepalived -t -f "$1" > "$2" 2>&1; exit $?; }' _ "$1" "$WORK/t.out" 2>/dev/null || rc=$?
    [[ ($rc == 0 || $rc == 143) && ! -s $WORK/t.out ]]
  }
  if check_t "$WORK/k.conf"; then ok; else fail "keepalived -t on the generated configuration: $(cat "$WORK/t.out")"; fi
  # and the check can fail: a misspelt keyword is complained about
  sed 's/nopreempt/nopreemt/' "$WORK/k.conf" > "$WORK/bad.conf"
  if check_t "$WORK/bad.conf"; then fail "keepalived -t accepted a misspelt keyword"; else ok; fi
else
  skipped+=("keepalived -t on the generated configuration (needs root, keepalived, unshare and ip)")
fi

for s in "${skipped[@]}"; do echo "keepalived-test: skipped: $s"; done
echo "keepalived-test: $passed checks passed, $failed failed"
((failed == 0))
