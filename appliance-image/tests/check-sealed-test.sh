#!/bin/bash
# Test of check-sealed.sh, the check build.sh runs on every disk it builds: a small disk
# written like the appliance's (ext4 at 1 MiB, mkfs.ext4 -d, nothing mounted) from a clean
# root folder passes; the same folder with one trace of a build host each is refused, with
# that trace named. No root.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CHECK=$ROOT/appliance-image/check-sealed.sh
WORK=$(mktemp -d "${TMPDIR:-/tmp}/check-sealed-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
export PATH=$PATH:/usr/sbin:/sbin # mkfs.ext4, debugfs

# the build host: its resolver
printf 'search build.example\nnameserver 192.0.2.53\nnameserver 198.51.100.7\n' > "$WORK/build-resolv.conf"

clean() { # a sealed root folder, as build.sh leaves it
  local r=$WORK/rootfs
  rm -rf "$r"; mkdir -p "$r/etc/ssh" "$r/etc/apt/apt.conf.d" "$r/root" "$r/var/lib/dbus"
  echo consilium > "$r/etc/hostname"
  printf '127.0.0.1\tlocalhost\n127.0.1.1\tconsilium\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$r/etc/hosts"
  printf '# no DNS server: consilium-apply network writes them from the dns setting\n' > "$r/etc/resolv.conf"
  chmod 644 "$r/etc/resolv.conf"
  : > "$r/etc/machine-id"
  echo 'APT::Install-Recommends "false";' > "$r/etc/apt/apt.conf.d/99mmdebstrap"
  echo 'PATH="/usr/local/bin:/usr/bin:/bin"' > "$r/etc/environment"
  echo 'Port 22' > "$r/etc/ssh/sshd_config"
  echo "$r"
}
# disk_of FOLDER: the appliance's layout, a partition at 1 MiB
disk_of() {
  rm -f "$WORK/disk.raw"; truncate -s 16M "$WORK/disk.raw"
  mkfs.ext4 -q -F -E offset=1048576 -d "$1/" "$WORK/disk.raw" 15000k
}
# expect VERDICT PATTERN DESCRIPTION: runs the check on the disk
expect() {
  local rc=0
  "$CHECK" "$WORK/disk.raw" "$WORK/build-resolv.conf" > "$WORK/out" 2>&1 || rc=$?
  if [[ $1 == pass ]]; then
    if ((rc == 0)); then ok; else fail "$3: refused: $(cat "$WORK/out")"; fi
  elif ((rc == 1)) && grep -q -- "$2" "$WORK/out"; then ok
  else fail "$3: exit $rc, expected 1 naming '$2': $(cat "$WORK/out")"; fi
}

r=$(clean); disk_of "$r"; expect pass '' "a sealed image"

# each trace alone: "setup command" "what the refusal names" "description"
cases=(
  "cp \$WORK/build-resolv.conf \$r/etc/resolv.conf; chmod 644 \$r/etc/resolv.conf|names a nameserver|the build host's resolv.conf"
  "echo 'nameserver 10.20.30.2' > \$r/etc/resolv.conf|names a nameserver|any nameserver in the image's resolv.conf"
  "chmod 755 \$r/etc/resolv.conf|mode 755|resolv.conf of mode 0755"
  "rm \$r/etc/resolv.conf; ln -s ../run/systemd/resolve/stub-resolv.conf \$r/etc/resolv.conf|not a plain file|resolv.conf a link"
  "rm \$r/etc/resolv.conf|not a plain file|no resolv.conf"
  "echo 'server 192.0.2.53 iburst' > \$r/etc/chrony.conf|nameserver 192.0.2.53 is in /etc/chrony.conf|the build host's nameserver elsewhere in /etc"
  "echo buildbox > \$r/etc/hostname|/etc/hostname is not consilium|the build host's name"
  "printf '127.0.1.1\tbuildbox.build.example buildbox\n' >> \$r/etc/hosts|/etc/hosts names other hosts: buildbox|the build host in /etc/hosts"
  "echo 0123456789abcdef0123456789abcdef > \$r/etc/machine-id|machine-id is not empty|a machine-id"
  "echo 0123456789abcdef0123456789abcdef > \$r/var/lib/dbus/machine-id|/var/lib/dbus/machine-id exists|D-Bus's machine-id"
  "echo key > \$r/etc/ssh/ssh_host_ed25519_key; echo pub > \$r/etc/ssh/ssh_host_ed25519_key.pub|SSH host keys: ssh_host_ed25519_key|an SSH host key"
  "mkdir -p \$r/root/.ssh|/root/.ssh exists|root's SSH folder"
  "echo 'apt-get update' > \$r/root/.bash_history|/root/.bash_history exists|root's shell history"
  "echo 'Acquire::http::Proxy \"http://192.0.2.8:3142\";' > \$r/etc/apt/apt.conf.d/01proxy|apt proxy settings in /etc/apt/apt.conf.d/01proxy|an apt proxy"
  "printf 'Acquire::https {\n Proxy \"http://proxy:3128\";\n};\n' > \$r/etc/apt/apt.conf|apt proxy settings in /etc/apt/apt.conf|an apt proxy block"
  "echo 'http_proxy=http://192.0.2.8:3128' >> \$r/etc/environment|/etc/environment sets a proxy|a proxy in /etc/environment"
)
for c in "${cases[@]}"; do
  IFS='|' read -r setup pattern what <<<"$c"
  r=$(clean); eval "$setup"; disk_of "$r"
  expect refuse "$pattern" "$what"
done

# not a disk at all: an error, not a pass
echo 'not a filesystem' > "$WORK/disk.raw"; rc=0
"$CHECK" "$WORK/disk.raw" "$WORK/build-resolv.conf" > "$WORK/out" 2>&1 || rc=$?
if ((rc == 2)); then ok; else fail "a file that is no disk: exit $rc, expected 2"; fi

echo "check-sealed-test: $passed passed, $failed failed"
((failed == 0))
