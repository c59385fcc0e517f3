#!/usr/bin/env bash
# Builds the Consilium appliance: target/consilium-appliance-VERSION.ova (OVF descriptor,
# SHA-256 manifest, streamOptimized VMDK), from
#   - a Debian 12 root folder made by mmdebstrap (packages.txt) from Debian's mirror,
#   - the server bundle: WildFly as provisioned by the server module + its CLI scripts +
#     configure-server.sh + the EAR (server/target, made by `mvn package` first),
#   - the Ansible roles of ../ansible run on that folder (community.general.chroot),
# then a partitioned raw disk written without mounting anything (mkfs.ext4 -d, GRUB's
# boot.img and core.img put in with dd), converted by qemu-img. Run as root (the root
# folder's files keep their owners). Usage: build.sh [--reuse-base]
#   --reuse-base   reuse target/base-<hash>.tar.zst from an earlier build with the same
#                  packages.txt instead of running mmdebstrap again (development only)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
T=$HERE/target
REUSE_BASE=
[[ ${1:-} == --reuse-base ]] && REUSE_BASE=yes
WILDFLY_VERSION=39.0.1.Final
WILDFLY=$ROOT/server/target/wildfly-$WILDFLY_VERSION
EAR=$ROOT/server/target/consilium.ear
DISK_GIB=${CONSILIUM_IMAGE_DISK_GIB:-16}
MIRROR=${CONSILIUM_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${CONSILIUM_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
VERSION=$(xmllint --xpath "/*[local-name()='project']/*[local-name()='version']/text()" "$ROOT/pom.xml")
NAME=consilium-appliance-$VERSION
log() { printf '\033[1m[image %4ds]\033[0m %s\n' "$SECONDS" "$*"; }

[[ $(id -u) -eq 0 ]] || { echo "build.sh: run as root (the image's files keep their owners)" >&2; exit 1; }
for tool in mmdebstrap ansible-playbook qemu-img sfdisk mkfs.ext4 debugfs xmllint zstd systemd-analyze; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is missing (./consilium image installs it)" >&2; exit 1; }
done
[[ -x $WILDFLY/bin/standalone.sh && -f $EAR ]] || { echo "build.sh: no provisioned server in server/target (mvn package first; ./consilium image does)" >&2; exit 1; }
mkdir -p "$T"

# --- 1. the server bundle: code and pristine configuration, no secret, no token -----------
log "server bundle $VERSION"
B=$T/bundle
rm -rf "$B" && mkdir -p "$B/lib/server/src/main" "$B/wildfly"
(cd "$WILDFLY" && tar --exclude=./standalone --exclude=./domain --exclude=./docs --exclude=./welcome-content \
    --exclude=./appclient --exclude='./bin/*.bat' --exclude='./bin/*.ps1' -cf - .) | tar -xf - -C "$B/wildfly"
mkdir -p "$B/wildfly/standalone.dist/configuration"
for f in standalone.xml logging.properties mgmt-users.properties mgmt-groups.properties application-users.properties application-roles.properties; do
  cp "$WILDFLY/standalone/configuration/$f" "$B/wildfly/standalone.dist/configuration/"
done
# configure-server.sh on the appliance rewrites this block for the appliance's paths
sed -i '/^# >>> consilium/,/^# <<< consilium/d' "$B/wildfly/bin/standalone.conf"
cp -r "$ROOT/server/src/main/cli" "$ROOT/server/src/main/scripts" "$B/lib/server/src/main/"
cp "$EAR" "$B/consilium.ear"
echo "$VERSION" > "$B/VERSION"
if grep -rqs 'hsm-pin\|ENC::' "$B/wildfly/standalone.dist" || compgen -G "$B/wildfly/standalone.dist/configuration/consilium-*" >/dev/null; then
  echo "build.sh: the bundle would carry the build's secrets" >&2; exit 1
fi
tar --owner=0 --group=0 -C "$B" -czf "$T/consilium-server-$VERSION.tar.gz" .
rm -rf "$B"

# --- 2. the Debian root folder ---------------------------------------------------------------
packages=$(grep -v '^#' "$HERE/packages.txt" | paste -sd, -)
base=$T/base-$( (cat "$HERE/packages.txt"; echo "$MIRROR $SECURITY_MIRROR") | sha256sum | cut -c1-12).tar.zst
if [[ -z $REUSE_BASE || ! -f $base ]]; then
  log "mmdebstrap Debian 12 ($(wc -w <<<"${packages//,/ }") packages and their dependencies)"
  rm -f "$T"/base-*.tar.zst
  mmdebstrap --variant=minbase --include="$packages" \
    --aptopt='APT::Install-Recommends "false"' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    --customize-hook='echo consilium > "$1/etc/hostname"' \
    bookworm "$base" \
    "deb $MIRROR bookworm main" "deb $MIRROR bookworm-updates main" "deb $SECURITY_MIRROR bookworm-security main" \
    > "$T/mmdebstrap.log" 2>&1 || { tail -n 30 "$T/mmdebstrap.log" >&2; exit 1; }
else
  log "reusing $base"
fi
R=$T/rootfs
rm -rf "$R" && mkdir -p "$R"
tar --numeric-owner -xpf "$base" -C "$R" --zstd
chroot "$R" dpkg-query -W -f '${Package}=${Version}\n' | sort > "$T/$NAME.packages.lock"

# --- 3. the Ansible roles, on the folder -----------------------------------------------------
log "ansible (image.yml) on the root folder"
cat > "$T/inventory.yml" <<INV
image:
  hosts:
    $R:
      ansible_connection: community.general.chroot
      ansible_python_interpreter: /usr/bin/python3
INV
(cd "$ROOT/ansible" && ANSIBLE_CONFIG="$ROOT/ansible/ansible.cfg" ansible-playbook -i "$T/inventory.yml" image.yml \
   -e consilium_bundle="$T/consilium-server-$VERSION.tar.gz" -e consilium_version="$VERSION") > "$T/ansible.log" 2>&1 \
  || { tail -n 40 "$T/ansible.log" >&2; exit 1; }
grep -A3 'PLAY RECAP' "$T/ansible.log" | tail -n 2

# every Consilium unit confined: systemd-analyze security's exposure OK or better (below 5.0)
for u in "$R"/etc/systemd/system/consilium*.service; do
  u=${u##*/}
  e=$(systemd-analyze security --offline=true --root="$R" "$u" 2>/dev/null | sed -n 's/.*exposure level for .*: \([0-9.]*\) .*/\1/p')
  printf '  systemd-analyze security %s: %s\n' "$u" "${e:-?}"
  awk -v e="${e:-10}" 'BEGIN { exit !(e < 5.0) }' || { echo "build.sh: $u is exposed (${e:-not analysable}; OK is below 5.0)" >&2; exit 1; }
done

# --- 4. seal: nothing per-machine, nothing secret, nothing of the build host -------------------
log "sealing"
: > "$R/etc/machine-id"; rm -f "$R/var/lib/dbus/machine-id"
# no DNS server: the build host's would get every lookup of every appliance (and the firewall
# drops them); consilium-apply network writes the first boot's dns= answer here
rm -f "$R/etc/resolv.conf"
printf '# no DNS server: consilium-apply network writes the dns setting of /etc/consilium/appliance.conf here\n' > "$R/etc/resolv.conf"
chmod 644 "$R/etc/resolv.conf"
echo consilium > "$R/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tconsilium\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$R/etc/hosts"
rm -rf "$R"/root/.ssh "$R"/root/.bash_history "$R"/root/.lesshst "$R"/root/.viminfo "$R"/root/.wget-hsts
rm -f "$R"/etc/ssh/ssh_host_*
rm -rf "$R"/var/lib/apt/lists/* "$R"/var/cache/apt/*.bin "$R"/var/cache/apt/archives/*.deb "$R"/root/.ansible "$R"/tmp/* "$R"/var/tmp/*
find "$R/var/log" -type f -exec truncate -s 0 {} +
printf 'CONSILIUM_VERSION=%s\nBUILD_DATE=%s\n' "$VERSION" "$(date -u +%FT%TZ)" > "$R/etc/consilium-release"

# --- 5. lynis, on the sealed folder (a private mount namespace: nothing stays mounted) ---------
if command -v lynis >/dev/null; then
  log "lynis audit of the root folder"
  rm -rf "$R/tmp/lynis"; mkdir -p "$R/tmp/lynis"
  cp -r /usr/share/lynis/. "$R/tmp/lynis/"; cp /usr/sbin/lynis "$R/tmp/lynis/lynis"; cp /etc/lynis/default.prf "$R/tmp/lynis/"; cp -r /etc/lynis/plugins "$R/tmp/lynis/plugins"
  # lynis reads kernel settings from the running kernel (here the build host's): it is given
  # the image's own, as systemd-sysctl sets them at boot (lynis-sysctl; the boot test checks them)
  mkdir -p "$R/tmp/lynis/bin"; cp "$HERE/lynis-sysctl" "$R/tmp/lynis/bin/sysctl"
  unshare --mount --fork sh -c "mount -t proc proc '$R/proc' && chroot '$R' sh -c 'cd /tmp/lynis && PATH=/tmp/lynis/bin:\$PATH ./lynis audit system --no-colors --quick --profile /tmp/lynis/default.prf --logfile /tmp/lynis.log --report-file /tmp/lynis-report.dat'" \
    > "$T/lynis.txt" 2>&1 || true
  cp "$R/tmp/lynis-report.dat" "$T/lynis-report.dat" 2>/dev/null || true
  cp "$R/tmp/lynis.log" "$T/lynis.log" 2>/dev/null || true
  rm -rf "$R/tmp/lynis" "$R/tmp/lynis.log" "$R/tmp/lynis-report.dat"
  grep -m1 'hardening_index=' "$T/lynis-report.dat" 2>/dev/null | sed 's/^/  lynis /' || true
fi

# --- 6. the bootable raw disk -----------------------------------------------------------------
log "raw disk (${DISK_GIB} GiB, ext4 written with mkfs.ext4 -d, GRUB by dd)"
uuid=$(cat /proc/sys/kernel/random/uuid)
kernel=$(cd "$R/boot" && ls vmlinuz-* | sort -V | tail -n 1)
initrd=initrd.img-${kernel#vmlinuz-}
[[ -f $R/boot/$initrd ]] || { echo "build.sh: no initramfs for $kernel" >&2; exit 1; }
echo "UUID=$uuid / ext4 errors=remount-ro,noatime 0 1" > "$R/etc/fstab"
mkdir -p "$R/boot/grub"
cat > "$R/boot/grub/grub.cfg" <<CFG
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
set timeout=2
search --no-floppy --fs-uuid --set=root $uuid
menuentry "Consilium $VERSION" {
  linux /boot/$kernel root=UUID=$uuid ro console=tty0 console=ttyS0,115200n8 apparmor=0 quiet
  initrd /boot/$initrd
}
CFG
# AIDE's record of the image as shipped, once nothing in the folder changes any more: the
# appliance's daily check reports what differs from it
if [[ -x $R/usr/bin/aide ]]; then
  log "AIDE database of the image"
  chroot "$R" aide --init --config /etc/aide/aide.conf > "$T/aide-init.log" 2>&1 || { tail -n 20 "$T/aide-init.log" >&2; exit 1; }
  mv "$R/var/lib/aide/aide.db.new" "$R/var/lib/aide/aide.db"
fi
chroot "$R" grub-mkimage -O i386-pc -o /tmp/core.img -p "(hd0,msdos1)/boot/grub" \
  biosdisk part_msdos ext2 search search_fs_uuid serial terminal normal linux echo test configfile gzio
mv "$R/tmp/core.img" "$T/core.img"
cp "$R/usr/lib/grub/i386-pc/boot.img" "$T/boot.img"
raw=$T/$NAME.raw
rm -f "$raw"
truncate -s "${DISK_GIB}G" "$raw"
printf 'label: dos\nstart=2048, type=83, bootable\n' | sfdisk -q "$raw"
size_k=$(( (DISK_GIB * 1024 * 1024) - 1024 ))
mkfs.ext4 -q -F -U "$uuid" -L consilium-root -E offset=1048576 -d "$R/" "$raw" "${size_k}k"
dd if="$T/boot.img" of="$raw" bs=440 count=1 conv=notrunc status=none
(( $(stat -c %s "$T/core.img") < 1048576 - 512 )) || { echo "build.sh: core.img too large" >&2; exit 1; }
dd if="$T/core.img" of="$raw" bs=512 seek=1 conv=notrunc status=none
rm -f "$T/core.img" "$T/boot.img"
# the disk as built, read back: no trace of this build host (fails the build)
"$HERE/check-sealed.sh" "$raw"

# --- 7. VMDK and OVA --------------------------------------------------------------------------
log "streamOptimized VMDK"
O=$T/ova && rm -rf "$O" && mkdir -p "$O"
vmdk=$NAME-disk1.vmdk
qemu-img convert -O vmdk -o subformat=streamOptimized,adapter_type=lsilogic "$raw" "$O/$vmdk"
log "OVA"
sed -e "s/@VERSION@/$VERSION/g" -e "s/@VMDK@/$vmdk/g" -e "s/@VMDK_SIZE@/$(stat -c %s "$O/$vmdk")/g" \
    -e "s/@CAPACITY@/$((DISK_GIB * 1024 * 1024 * 1024))/g" "$HERE/consilium.ovf.in" > "$O/$NAME.ovf"
xmllint --noout "$O/$NAME.ovf"
(cd "$O" && for f in "$NAME.ovf" "$vmdk"; do printf 'SHA256(%s)= %s\n' "$f" "$(sha256sum "$f" | cut -d' ' -f1)"; done > "$NAME.mf")
tar --format=ustar --owner=0 --group=0 --numeric-owner -C "$O" -cf "$T/$NAME.ova" "$NAME.ovf" "$NAME.mf" "$vmdk"
rm -rf "$O"
[[ -n ${CONSILIUM_IMAGE_KEEP_RAW:-} ]] || rm -f "$raw"
[[ -n ${CONSILIUM_IMAGE_KEEP_ROOTFS:-} ]] || rm -rf "$R"
log "done: $T/$NAME.ova ($(du -m "$T/$NAME.ova" | cut -f1) MiB) in $SECONDS s"
