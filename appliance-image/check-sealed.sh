#!/bin/bash
# check-sealed.sh DISK [BUILD_RESOLV_CONF]: reads the root filesystem of a built appliance
# disk (raw, the ext4 partition at 1 MiB, as build.sh writes it) with debugfs, without
# mounting it, and fails when the image carries a trace of the machine that built it or
# anything per-appliance:
#   - /etc/resolv.conf with a nameserver, or not a plain 0644 file (the build host's DNS
#     server would get every lookup of every appliance: it is written from the first-boot
#     answers, consilium-apply network);
#   - a nameserver of the build host (BUILD_RESOLV_CONF, default /etc/resolv.conf) anywhere
#     in /etc;
#   - /etc/hostname other than "consilium", /etc/hosts naming another host;
#   - a machine-id (/etc/machine-id not empty, /var/lib/dbus/machine-id);
#   - SSH host keys, root's SSH folder or shell history;
#   - apt proxies (Acquire::…::Proxy in apt's configuration, *_proxy in /etc/environment).
# build.sh runs it on every disk it builds; tests/check-sealed-test.sh checks each refusal.
# Prints one line per trace and exits 1 if there is any; needs debugfs (e2fsprogs), no root.
set -euo pipefail
DISK=${1:?usage: check-sealed.sh DISK [BUILD_RESOLV_CONF]}
BUILD_RESOLV=${2:-/etc/resolv.conf}
OFFSET=${CONSILIUM_ROOT_OFFSET:-1048576}
W=$(mktemp -d "${TMPDIR:-/tmp}/check-sealed.XXXXXX")
trap 'rm -rf "$W"' EXIT
bad=0
trace() { echo "check-sealed: $*"; bad=1; }

# rdump keeps modes and symbolic links; the folders that may hold a trace
mkdir -p "$W/root" "$W/var-lib-dbus"
if ! debugfs -R "rdump /etc $W" "$DISK?offset=$OFFSET" > "$W/debugfs.log" 2>&1 || [[ ! -d $W/etc ]]; then
  echo "check-sealed: cannot read /etc of $DISK at offset $OFFSET:" >&2; cat "$W/debugfs.log" >&2; exit 2
fi
debugfs -R "rdump /root $W/root" "$DISK?offset=$OFFSET" >/dev/null 2>&1 || true
debugfs -R "rdump /var/lib/dbus $W/var-lib-dbus" "$DISK?offset=$OFFSET" >/dev/null 2>&1 || true
E=$W/etc

r=$E/resolv.conf
if [[ -L $r || ! -f $r ]]; then
  trace "/etc/resolv.conf is not a plain file$([[ -L $r ]] && echo " (a link to $(readlink "$r"))")"
else
  [[ $(stat -c %a "$r") == 644 ]] || trace "/etc/resolv.conf has mode $(stat -c %a "$r"), not 644"
  grep -Eq '^[[:space:]]*(nameserver|search|domain|options)\b' "$r" && trace "/etc/resolv.conf names a nameserver or domain: $(grep -E '^[[:space:]]*(nameserver|search|domain)' "$r" | paste -sd' ' -)"
fi
while read -r ns; do
  [[ -n $ns ]] || continue
  hits=$(grep -rlwF -- "$ns" "$E" 2>/dev/null | sed "s#^$W##" | paste -sd' ' -) || true
  [[ -z $hits ]] || trace "the build host's nameserver $ns is in $hits"
done < <(sed -n 's/^[[:space:]]*nameserver[[:space:]]\+\([^[:space:]]\+\).*/\1/p' "$BUILD_RESOLV" 2>/dev/null)

[[ $(cat "$E/hostname" 2>/dev/null) == consilium ]] || trace "/etc/hostname is not consilium: $(head -c 64 "$E/hostname" 2>/dev/null)"
if [[ -f $E/hosts ]]; then
  others=$(awk '!/^[[:space:]]*(#|$)/ { for (i = 2; i <= NF; i++) if ($i !~ /^(localhost|consilium|ip6-localhost|ip6-loopback|ip6-localnet|ip6-mcastprefix|ip6-allnodes|ip6-allrouters)$/) print $i }' "$E/hosts" | paste -sd' ' -)
  [[ -z $others ]] || trace "/etc/hosts names other hosts: $others"
fi

[[ ! -s $E/machine-id ]] || trace "/etc/machine-id is not empty"
[[ ! -e $W/var-lib-dbus/dbus/machine-id && ! -L $W/var-lib-dbus/dbus/machine-id ]] || trace "/var/lib/dbus/machine-id exists"

keys=$(find "$E/ssh" -maxdepth 1 -name 'ssh_host_*' -printf '%f ' 2>/dev/null) || true
[[ -z $keys ]] || trace "SSH host keys: $keys"
for f in .ssh .bash_history .lesshst .viminfo .wget-hsts .ansible; do
  [[ ! -e $W/root/root/$f ]] || trace "/root/$f exists"
done

proxies=$(grep -rEil '^[^#/]*(::|[[:space:]{])Proxy(-Auto-Detect)?[[:space:]"]' "$E/apt" 2>/dev/null | sed "s#^$W##" | paste -sd' ' -) || true
[[ -z $proxies ]] || trace "apt proxy settings in $proxies"
if grep -Eiq '^[[:space:]]*(export[[:space:]]+)?(https?|ftp|all|no)_proxy=' "$E/environment" 2>/dev/null; then
  trace "/etc/environment sets a proxy"
fi

if ((bad)); then echo "check-sealed: $DISK carries traces of its build (above)" >&2; exit 1; fi
echo "check-sealed: no trace of the build host in $DISK (resolv.conf, hostname, hosts, machine-id, SSH host keys, apt proxies)"
