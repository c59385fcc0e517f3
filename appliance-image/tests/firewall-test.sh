#!/bin/bash
# Test of the appliance firewall (ansible role base: nftables.conf, consilium-apply's
# firewall sets and section order, consilium-firewall-count):
#   1. the sets consilium-apply writes: client networks (private ranges by default), the
#      DHCP server of the lease (only with ip=dhcp), VRRP's sources (the peers, only with a
#      shared address), the other openings;
#   2. the sections run in one order whatever order they are asked in: the firewall
#      before the time sources;
#   3. the ruleset: media, DHCP and VRRP rules narrowed, every outbound refusal counted, the
#      log rate-limited (limit before log); nft -c on the whole ruleset with the sets;
#   4. in a network namespace of its own (root, unshare, ip): packets really sent through
#      the loaded ruleset: media to a client network passes and elsewhere is refused,
#      DHCP only to the broadcast address and the lease's server, an invalid packet is
#      counted, and the running count survives a reload by consilium-apply and a fold.
# 3's nft check and 4 need root and nft (./consilium test-appliance runs as root); without
# them they are skipped with a notice. Sources consilium-apply (functions only).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FILES=$ROOT/ansible/roles/base/files
WORK=$(mktemp -d "${TMPDIR:-/tmp}/firewall-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export CONSILIUM_CONF=$WORK/appliance.conf CONSILIUM_DHCP_LEASES=$WORK/leases
CONSILIUM_FIREWALL_GROUP=$(id -gn)
export CONSILIUM_FIREWALL_STATE=$WORK/count/refused-out.conf CONSILIUM_FIREWALL_GROUP
export CONSILIUM_FIREWALL_COUNT=$FILES/consilium-firewall-count
export PATH=$PATH:/usr/sbin:/sbin
passed=0 failed=0 skipped=()
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
has() { if grep -qF -- "$2" "$1"; then ok; else fail "$3: no '$2' in: $(cat "$1")"; fi; }
hasnt() { if grep -qF -- "$2" "$1"; then fail "$3: '$2' in: $(cat "$1")"; else ok; fi; }

in_apply() { # runs COMMAND... in a subshell that sourced consilium-apply
  (
    # shellcheck disable=SC1091 # sourced for its functions
    source "$FILES/consilium-apply"
    trap - ERR
    "$@"
  )
}

# --- 1. the sets ---------------------------------------------------------------------------------
mkdir -p "$WORK/leases"
printf 'ADDRESS=10.20.30.40\nSERVER_ADDRESS=10.99.0.5\nROUTER=10.20.30.1\n' > "$WORK/leases/2"
cat > "$CONSILIUM_CONF" <<'EOF'
directory_url=ldaps://10.20.30.5
ntp_servers=10.20.30.2
siem_host=10.20.30.6
dns=10.20.30.3
media_port=10000
EOF
in_apply firewall_sets > "$WORK/sets"
has "$WORK/sets" "add element inet consilium clients { 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16 }" "client networks by default: the private ranges"
has "$WORK/sets" "add element inet consilium dhcp_servers { 10.99.0.5 }" "ip=dhcp: the lease's server"
has "$WORK/sets" "add element inet consilium out_tcp { 10.20.30.5 . 636,10.20.30.6 . 6514,10.20.30.3 . 53 }" "outbound TCP"
has "$WORK/sets" "add element inet consilium out_udp { 10.20.30.2 . 123,10.20.30.3 . 53 }" "outbound UDP"
has "$WORK/sets" "add element inet consilium in_media { 10000 }" "media port"
hasnt "$WORK/sets" "in_media_tcp {" "no media_tcp_port: no media TCP port"
has "$WORK/sets" "flush set inet consilium in_media_tcp" "the media TCP port flushed before filled (so unsetting it closes it)"
printf 'media_tcp_port=4443\nssh_enabled=yes\n' >> "$CONSILIUM_CONF"
in_apply firewall_sets > "$WORK/sets"
has "$WORK/sets" "add element inet consilium in_media_tcp { 4443 }" "media_tcp_port: the media TCP port"
has "$WORK/sets" "add element inet consilium in_tcp { 22 }" "the media TCP port is not among the ports open to any address"
sed -i '/^media_tcp_port=/d; /^ssh_enabled=/d' "$CONSILIUM_CONF"
has "$WORK/sets" "flush set inet consilium clients" "clients flushed before filled"
has "$WORK/sets" "flush set inet consilium dhcp_servers" "dhcp_servers flushed before filled"
printf 'ip=10.20.30.40/24\nclient_networks=10.40.0.0/16,192.168.7.0/24\n' >> "$CONSILIUM_CONF"
in_apply firewall_sets > "$WORK/sets"
has "$WORK/sets" "add element inet consilium clients { 10.40.0.0/16,192.168.7.0/24 }" "client_networks set: only those"
hasnt "$WORK/sets" "dhcp_servers {" "a static address: no DHCP server"
# VRRP (the shared address): from the peers, only with cluster_vip
printf 'cluster_peers=10.20.30.41,10.20.30.42\n' >> "$CONSILIUM_CONF"
in_apply firewall_sets > "$WORK/sets"
has "$WORK/sets" "add element inet consilium peers { 10.20.30.41,10.20.30.42 }" "the cluster peers"
hasnt "$WORK/sets" "vrrp_peers {" "peers without cluster_vip: no VRRP"
has "$WORK/sets" "flush set inet consilium vrrp_peers" "VRRP's sources flushed before filled (so unsetting cluster_vip closes it)"
printf 'cluster_vip=10.20.30.50/24\n' >> "$CONSILIUM_CONF"
in_apply firewall_sets > "$WORK/sets"
has "$WORK/sets" "add element inet consilium vrrp_peers { 10.20.30.41,10.20.30.42 }" "cluster_vip: VRRP from the peers"

# --- 2. the order of the sections ----------------------------------------------------------------
order() {
  (
    # shellcheck disable=SC1091
    source "$FILES/consilium-apply"
    trap - ERR
    for s in network time firewall ssh syslog database properties vip server; do eval "apply_$s() { echo $s; }"; done
    run_sections "$@" | paste -sd' ' -
  )
}
[[ $(order time firewall) == "firewall time" ]] && ok || fail "time firewall ran as: $(order time firewall)"
[[ $(order network time firewall ssh syslog properties) == "network firewall time ssh syslog properties" ]] && ok \
  || fail "the base role's sections ran as: $(order network time firewall ssh syslog properties)"
[[ $(order) == "network firewall time ssh syslog database properties vip server" ]] && ok || fail "all sections ran as: $(order)"
[[ $(order vip firewall properties) == "firewall properties vip" ]] && ok || fail "the cluster role's sections ran as: $(order vip firewall properties)"
rc=0; order firewall nonsense > "$WORK/out" 2>&1 || rc=$?
((rc == 2)) && grep -q 'unknown section nonsense' "$WORK/out" && ok || fail "an unknown section: exit $rc, $(cat "$WORK/out")"

# --- 3. the ruleset --------------------------------------------------------------------------------
RULES=$FILES/nftables.conf
output_chain() { sed -n '/chain output {/,/^  }/p' "$RULES"; }
input_chain() { sed -n '/chain input {/,/^  }/p' "$RULES"; }
output_chain > "$WORK/output"; input_chain > "$WORK/input"
has "$WORK/output" 'ip daddr @clients udp sport @in_media accept' "media out only to the client networks"
has "$WORK/input" 'ip saddr @clients udp dport @in_media accept' "media in only from the client networks (its replies leave as established)"
has "$WORK/input" 'ip saddr @clients tcp dport @in_media_tcp ct state new accept' "media over TCP only from the client networks"
if grep -E 'udp (sport|dport) @in_media accept' "$WORK/output" "$WORK/input" | grep -vq '@clients\|@peers'; then
  fail "a media rule without @clients or @peers: $(grep -E 'udp (sport|dport) @in_media' "$WORK/output" "$WORK/input")"
else ok; fi
if grep 'udp sport 68 udp dport 67' "$WORK/output" | grep -vq 'ip daddr 255.255.255.255\|ip daddr @dhcp_servers'; then
  fail "DHCP out to any address: $(grep 'dport 67' "$WORK/output")"
else ok; fi
has "$WORK/input" 'ip saddr @vrrp_peers ip protocol vrrp accept' "VRRP in only from the peers, with a shared address"
if grep -E 'vrrp|112' "$WORK/input" | grep -v '^\s*#' | grep -vq '@vrrp_peers'; then
  fail "a VRRP rule without @vrrp_peers: $(grep -E 'vrrp|112' "$WORK/input")"
else ok; fi
has "$WORK/output" 'ip daddr @peers accept comment "cluster peers"' "VRRP (unicast) out only to the peers, as all cluster traffic"
has "$WORK/output" 'ct state invalid counter name invalid_out drop' "invalid outbound packets counted"
# every log statement rate-limited by a limit that comes BEFORE it on its rule
if grep -n 'log prefix' "$RULES" | grep -v 'limit rate [0-9]*/[a-z]* log prefix' | grep -q .; then
  fail "a log not limited (the limit must come before the log): $(grep 'log prefix' "$RULES")"
else ok; fi
# the last rule of output counts every refusal (the policy drop is then never reached uncounted)
[[ $(grep -v '^\s*#\|^\s*}\|^\s*$' "$WORK/output" | tail -n 1 | xargs) == "counter name dropped_out drop" ]] && ok \
  || fail "output does not end with the counted drop: $(tail -n 3 "$WORK/output")"

can_nft=
if [[ $(id -u) == 0 ]] && command -v nft >/dev/null && nft list tables >/dev/null 2>&1; then can_nft=yes; fi
ruleset_with() { # the ruleset including SETS instead of /etc/consilium/firewall-sets.nft
  sed "s#^include \"/etc/consilium/firewall-sets.nft\"#include \"$1\"#" "$RULES"
}
if [[ -n $can_nft ]]; then
  in_apply firewall_sets > "$WORK/sets"
  ruleset_with "$WORK/sets" > "$WORK/ruleset.nft"
  if nft -c -f "$WORK/ruleset.nft" > "$WORK/out" 2>&1; then ok; else fail "nft -c on the ruleset with its sets: $(cat "$WORK/out")"; fi
else
  skipped+=("nft -c (needs root and nft)")
fi

# --- 4. packets through the loaded ruleset, in a network namespace of its own ---------------------------
if [[ -n $can_nft ]] && command -v unshare >/dev/null && command -v ip >/dev/null && command -v python3 >/dev/null \
   && unshare --net true 2>/dev/null; then
  cat > "$CONSILIUM_CONF" <<'EOF'
ip=dhcp
media_port=10000
client_networks=10.9.0.0/24
EOF
  printf 'SERVER_ADDRESS=198.51.100.67\n' > "$WORK/leases/2"
  mkdir -p "$WORK/etc"
  cat > "$WORK/send.py" <<'EOF'
import socket, struct, sys
kind, dst = sys.argv[1], sys.argv[2]
if kind == "udp":  # udp SPORT DPORT: one datagram from that source port
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    s.bind(("0.0.0.0", int(sys.argv[3])))
    try:
        s.sendto(b"x", (dst, int(sys.argv[4])))
    except PermissionError:  # refused by the output chain: EPERM
        pass
elif kind == "synfin":  # a TCP segment with SYN and FIN: conntrack calls it invalid
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
    tcp = struct.pack("!HHIIBBHHH", 40000, 80, 1, 0, 5 << 4, 0x03, 1024, 0, 0)
    try:
        s.sendto(tcp, (dst, 0))
    except PermissionError:
        pass
EOF
  # the namespace's script: an address on a veth pair, IPv6 off (as on the appliance), the
  # ruleset loaded as consilium-apply does (through its apply_firewall), then packets
  cat > "$WORK/netns.sh" <<EOF
set -euo pipefail
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add v0 type veth peer name v1
sysctl -qw net.ipv6.conf.v0.disable_ipv6=1 net.ipv6.conf.v1.disable_ipv6=1
ip link set lo up; ip addr add 10.9.0.1/24 dev v0; ip link set v0 up; ip link set v1 up
ip route add default via 10.9.0.2 dev v0
# neighbours, so nothing waits for ARP
ip neigh add 10.9.0.2 lladdr 02:00:00:00:00:02 dev v0; ip neigh add 10.9.0.5 lladdr 02:00:00:00:00:05 dev v0
W=$WORK
reload() { # consilium-apply firewall, as on a running appliance
  (
    source "$FILES/consilium-apply"; trap - ERR
    ETC=\$W/etc
    running() { return 0; }
    nft() { if [[ \$1 == -f ]]; then command nft -f \$W/ruleset.nft; else command nft "\$@"; fi; }
    apply_firewall
    echo "\${CHANGED[*]}"
  )
}
total() { "$FILES/consilium-firewall-count" show | sed -n 's/^refused_out_packets=//p'; }
live() { nft list counter inet consilium "\$1" | sed -n 's/.*packets \([0-9]*\).*/\1/p'; }
send() { python3 \$W/send.py "\$@"; }
ruleset() { sed "s#^include \"/etc/consilium/firewall-sets.nft\"#include \"\$W/etc/firewall-sets.nft\"#" "$RULES" > \$W/ruleset.nft; }
ruleset
command nft -f /dev/stdin <<<'table inet consilium { }'
reload > \$W/reload.out
echo "first-load \$(cat \$W/reload.out | paste -sd' ' -)"
echo "start \$(total)"
send udp 10.9.0.5 10000 50000; echo "media-to-client \$(total)"
send udp 203.0.113.5 10000 50000; echo "media-elsewhere \$(total)"
send udp 255.255.255.255 68 67; echo "dhcp-broadcast \$(total)"
send udp 198.51.100.67 68 67; echo "dhcp-lease-server \$(total)"
send udp 192.0.2.67 68 67; echo "dhcp-elsewhere \$(total)"
send synfin 10.9.0.5; echo "invalid \$(total) \$(live invalid_out)"
send udp 192.0.2.10 40000 9; send udp 192.0.2.10 40000 9; echo "two-more \$(total) \$(live dropped_out)"
# a changed setting: consilium-apply reloads the firewall (counters back to 0) after folding them
echo 'ntp_servers=10.9.0.7' >> "$CONSILIUM_CONF"
reload > \$W/reload.out; echo "after-reload \$(total) \$(live dropped_out) \$(cat \$W/reload.out)"
send udp 192.0.2.10 40000 9; echo "one-more \$(total)"
"$FILES/consilium-firewall-count" fold; echo "after-fold \$(total) \$(live dropped_out) \$(sed -n 's/^refused_out_packets=//p' "$CONSILIUM_FIREWALL_STATE")"
# reloaded behind consilium-apply's back: what the counters held is lost, the carried total is not
command nft -f \$W/ruleset.nft; echo "raw-reload \$(total)"
EOF
  if unshare --net bash "$WORK/netns.sh" > "$WORK/netns.out" 2> "$WORK/netns.err"; then
    r() { sed -n "s/^$1 //p" "$WORK/netns.out"; }
    check() { if [[ $(r "$1") == "$2" ]]; then ok; else fail "$3: '$(r "$1")', expected '$2'"; fi; }
    check first-load "firewall" "the first load"
    check start 0 "nothing refused at the start"
    check media-to-client 0 "media from the media port to a client network passes"
    check media-elsewhere 1 "media from the media port to an address outside the client networks is refused and counted"
    check dhcp-broadcast 1 "DHCP to the broadcast address passes"
    check dhcp-lease-server 1 "DHCP to the lease's server passes"
    check dhcp-elsewhere 2 "DHCP to another address is refused and counted"
    check invalid "3 1" "an invalid outbound packet is refused and counted (invalid_out)"
    check two-more "5 4" "two more refused (dropped_out: all but the invalid one)"
    check after-reload "5 0 firewall" "a reload by consilium-apply carries the count (the live counter restarts at 0)"
    check one-more 6 "counting goes on after the reload"
    check after-fold "6 0 6" "a fold moves the live count into the file"
    check raw-reload 6 "the carried total survives a reload"
    grep -q '^last_refused_at=20' "$CONSILIUM_FIREWALL_STATE" && ok || fail "no last_refused_at in $(cat "$CONSILIUM_FIREWALL_STATE")"
    [[ $(stat -c %a "$CONSILIUM_FIREWALL_STATE") == 640 ]] && ok || fail "the count file's mode: $(stat -c %a "$CONSILIUM_FIREWALL_STATE")"
  else
    fail "the network namespace run failed: $(cat "$WORK/netns.err")"
  fi
else
  skipped+=("packets through the ruleset (needs root, nft, unshare, ip, python3)")
fi

# --- the count file: a damaged one starts no arithmetic, and show never changes it ------------------------
printf 'since=2026-01-01T00:00:00Z\nrefused_out_packets=$(reboot)\nrefused_out_bytes=12\n' > "$CONSILIUM_FIREWALL_STATE"
CONSILIUM_NFT=false "$FILES/consilium-firewall-count" show > "$WORK/out"
has "$WORK/out" "refused_out_packets=0" "a damaged count reads as 0"
has "$WORK/out" "refused_out_bytes=12" "the other counts are kept"
cp "$CONSILIUM_FIREWALL_STATE" "$WORK/before"
CONSILIUM_NFT=false "$FILES/consilium-firewall-count" show > /dev/null
cmp -s "$WORK/before" "$CONSILIUM_FIREWALL_STATE" && ok || fail "show changed the file"

for s in "${skipped[@]}"; do echo "firewall-test: skipped: $s"; done
echo "firewall-test: $passed checks passed, $failed failed"
((failed == 0))
