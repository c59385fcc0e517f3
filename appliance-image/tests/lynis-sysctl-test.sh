#!/bin/bash
# Test of lynis-sysctl, the `sysctl -n` build.sh gives lynis: the image's configured value as
# systemd-sysctl would set it (a file in /etc hides the same name in /usr/lib; files in the
# order of their names; the last assignment wins; /etc/sysctl.conf last), else the real
# sysctl's. No root.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/lynis-sysctl-test.XXXXXX")
trap 'rm -rf "$W"' EXIT
passed=0 failed=0
mkdir -p "$W/root/etc/sysctl.d" "$W/root/usr/lib/sysctl.d"
printf 'fs.protected_fifos = 1\nfs.protected_regular = 2\nkernel.kptr_restrict=1\n' > "$W/root/usr/lib/sysctl.d/50-default.conf"
printf 'net.ipv4.conf.all.rp_filter = 2\n' > "$W/root/usr/lib/sysctl.d/60-consilium.conf"
printf '# ours\nfs.protected_fifos = 2\n; comment\n-kernel/kptr_restrict = 2\nnet.ipv4.tcp_timestamps =\t0 1 \n' > "$W/root/etc/sysctl.d/60-consilium.conf"
printf 'kernel.sysrq = 0\n' > "$W/root/etc/sysctl.conf"
printf 'kernel.sysrq = 1\n' > "$W/root/etc/sysctl.d/99-late.conf"
printf '#!/bin/sh\necho "real $*"\n' > "$W/real"; chmod +x "$W/real"
export CONSILIUM_SYSCTL_ROOT=$W/root CONSILIUM_REAL_SYSCTL=$W/real
while IFS='|' read -r args expected what; do
  # shellcheck disable=SC2086 # the arguments, split
  got=$("$ROOT/appliance-image/lynis-sysctl" $args)
  if [[ $got == "$expected" ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what: '$got', expected '$expected'" >&2; fi
done <<'CASES'
-n fs.protected_fifos|2|a later file wins
-n fs.protected_regular|2|a key set once in /usr/lib
-n kernel.kptr_restrict|2|slashes and a leading minus
-n net.ipv4.conf.all.rp_filter|real -n net.ipv4.conf.all.rp_filter|/etc hides the same name in /usr/lib
-n net.ipv4.tcp_timestamps|0 1|a value with spaces, trimmed
-n kernel.sysrq|0|/etc/sysctl.conf last
-n kernel.randomize_va_space|real -n kernel.randomize_va_space|a key the image does not set: the running kernel's
-a|real -a|anything else goes to the real sysctl
CASES
echo "lynis-sysctl-test: $passed checks passed, $failed failed"
((failed == 0))
