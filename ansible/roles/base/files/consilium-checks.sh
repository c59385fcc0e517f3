#!/bin/bash
# consilium-checks.sh: value checks shared by the first boot (its console wizard and its
# answer file) and consilium-settings-apply (the console's Settings page). Sourced, never
# run. Each check prints the reason and returns 1 when it refuses a value; no check
# prints the value (it may be a secret, or any file's content).
# Installed as /usr/local/lib/consilium/consilium-checks.sh by the base role.

ipv4_ok() { # dotted IPv4, no leading zeros
  local o='(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])'
  [[ $1 =~ ^$o\.$o\.$o\.$o$ ]]
}

# host_ok VALUE: a host name (RFC 1123: labels of letters, digits and inner hyphens, 1-63
# characters, at most 253 in all, the last label not all digits) or a unicast IPv4 address
# (not 0/8, 127/8, multicast or above); not localhost.
host_ok() {
  local v=$1
  if [[ $v =~ ^[0-9.]+$ ]]; then
    ipv4_ok "$v" || { echo "not a dotted IPv4 address"; return 1; }
    local first=${v%%.*}
    if ((first == 0 || first == 127 || first >= 224)); then echo "not a unicast address of another host"; return 1; fi
    return 0
  fi
  local label='[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
  if ((${#v} > 253)) || [[ ! $v =~ ^$label(\.$label)*$ ]]; then echo "not a host name (RFC 1123) or IPv4 address"; return 1; fi
  if [[ ${v##*.} =~ ^[0-9]+$ ]]; then echo "not a host name (its last label is a number)"; return 1; fi
  local lower=${v,,}
  if [[ $lower == localhost || $lower == *.localhost ]]; then echo "not another host (localhost)"; return 1; fi
  return 0
}

port_ok() {
  if [[ ! $1 =~ ^[1-9][0-9]{0,4}$ ]] || (($1 > 65535)); then echo "not a port number from 1 to 65535"; return 1; fi
}

# list_ok VALUE MAX CHECK [NOUN]: a comma-separated list of at most MAX entries (NOUN,
# default entries), each passing CHECK
list_ok() {
  local v=$1 max=$2 check=$3 noun=${4:-entries} why s
  [[ -z $v ]] && return 0
  if [[ $v == ,* || $v == *, || $v == *,,* ]]; then echo "an empty entry in the list"; return 1; fi
  local -a list; IFS=, read -r -a list <<<"$v"
  if ((${#list[@]} > max)); then echo "${#list[@]} $noun, at most $max"; return 1; fi
  for s in "${list[@]}"; do why=$("$check" "$s") || { echo "an entry is ${why:-not valid}"; return 1; }; done
}

address_ok() { ipv4_ok "$1" || { echo "not a dotted IPv4 address"; return 1; }; }
network_ok() { # address/prefix, prefix 8 to 32, no host bits set (10.20.0.0/16, not 10.20.1.0/16)
  local a=${1%/*} p=${1##*/} o n=0
  if [[ $1 != */* || ! $p =~ ^[0-9]{1,2}$ ]] || ! ipv4_ok "$a" || ((10#$p < 8 || 10#$p > 32)); then
    echo "not a network address/prefix with a prefix from 8 to 32 (e.g. 10.20.0.0/16)"; return 1
  fi
  local IFS=.; for o in $a; do n=$(((n << 8) | o)); done
  if (((n & ((1 << (32 - 10#$p)) - 1)) != 0)); then echo "not a network address (host bits set for its prefix)"; return 1; fi
}
# ipv4_int A.B.C.D: the address as a 32-bit number (checked by ipv4_ok first)
ipv4_int() { local IFS=. o n=0; for o in $1; do n=$(((n << 8) | o)); done; echo "$n"; }

# vip_ok VIP PEERS OWN [PREFIX]: the cluster's shared address (cluster_vip, checked by
# answer_ok first) against this appliance's settings: not one of OWN (this appliance's
# addresses, space-separated, the first the one on the cluster network), not one of PEERS
# (comma- or space-separated; names are not resolved here), and in the same subnet as OWN's
# first address for VIP's prefix, else PREFIX (the static address's), when one is known.
vip_ok() {
  local vip=${1%/*} prefix='' peers=${2//,/ } own=$3 a ref net
  [[ $1 == */* ]] && prefix=${1##*/}
  [[ -z $prefix ]] && prefix=${4:-}
  for a in $own; do
    [[ $a == "$vip" ]] && { echo "this appliance's own address (the shared address must be a free one)"; return 1; }
  done
  for a in $peers; do
    [[ $a == "$vip" ]] && { echo "one of cluster_peers (the shared address must be a free one, no appliance's own)"; return 1; }
  done
  ref=${own%% *}
  if [[ -n $prefix && -n $ref ]] && ipv4_ok "$ref"; then
    net=$(( ((1 << 32) - 1) ^ ((1 << (32 - 10#$prefix)) - 1) ))
    if (( ($(ipv4_int "$vip") & net) != ($(ipv4_int "$ref") & net) )); then
      echo "not in the subnet of this appliance's address $ref/$prefix (the address can only move within one network)"; return 1
    fi
    if ((10#$prefix < 31)) && (( ($(ipv4_int "$vip") & ~net & 0xffffffff) == 0 || ($(ipv4_int "$vip") | net) == 0xffffffff )); then
      echo "the network's own or broadcast address for /$prefix"; return 1
    fi
  fi
  return 0
}

# pem_cert_ok FILE: a readable file of PEM certificates (each one parses), nothing else
pem_cert_ok() {
  [[ -f $1 && -r $1 ]] || { echo "no such file"; return 1; }
  grep -q -- '-----BEGIN CERTIFICATE-----' "$1" 2>/dev/null || { echo "not a PEM certificate (no BEGIN CERTIFICATE)"; return 1; }
  openssl x509 -noout -in "$1" >/dev/null 2>&1 || { echo "not a PEM certificate (it does not parse)"; return 1; }
  if grep -q -- '-----BEGIN [A-Z ]*PRIVATE KEY-----' "$1"; then echo "holds a private key (only the CA's certificate belongs here)"; return 1; fi
}

endpoint_ok() { # host:port
  [[ $1 == *:* ]] || { echo "not host:port"; return 1; }
  host_ok "${1%:*}" && port_ok "${1##*:}"
}

# --- the recordings volume (recording_directory, recording_min_free_mb; docs/install.md) ---
# The server's user, who gets the recordings folder, and the one user besides it trusted with
# the folders on the way there (tests set both after sourcing this file).
SERVICE_USER=consilium
TRUSTED_UID=0
# The data volume's recordings folder (the server's data directory, jboss.server.data.dir,
# under the server base the wildfly role lays out), which is also the server's default, and
# its default free space (EncryptedRecordingFiles: 1024 MiB).
RECORDING_DEFAULT_DIR=/var/lib/consilium/standalone/data/recordings
# shellcheck disable=SC2034 # the first boot's default answer
RECORDING_DEFAULT_MIN_FREE_MB=1024
# Anywhere else only below these, on a volume hospital IT mounted there: root makes the
# folder and hands it to the server, so never under /etc, /usr, /var/log or the like.
RECORDING_ROOTS="/srv /mnt"

# recording_root_of DIR: prints the folder DIR's checks start from: the data volume's for its
# recordings folder, else the one of RECORDING_ROOTS that DIR is below; 1 if neither
recording_root_of() {
  local r
  if [[ $1 == "$RECORDING_DEFAULT_DIR" ]]; then printf '%s' "${RECORDING_DEFAULT_DIR%/*}"; return 0; fi
  for r in $RECORDING_ROOTS; do [[ $1 == "$r"/* ]] && { printf '%s' "$r"; return 0; }; done
  return 1
}

# recording_dir_ok DIR: DIR (answer_ok first) can be the server's recordings folder here. Each
# folder of its path that exists, from its root (recording_root_of) down, is a real folder
# (not a symbolic link) and either root's and writable by root alone or the server's, and
# below a folder of the server's all are the server's (that part is made as the server's
# user: nothing there can make root write elsewhere). DIR itself, if it exists, is the
# server's: root never hands over a folder it did not make. Its filesystem (that of its
# deepest existing folder) is disk-backed and writable, and outside the data volume a volume
# mounted below the root, not the appliance's own disk. Prints the reason, never the path.
recording_dir_ok() {
  local dir=$1 root p part uid mode svc handed='' deepest='' target fs opts
  root=$(recording_root_of "$dir") || { echo "not the data volume's recordings folder nor a folder below ${RECORDING_ROOTS// / or }"; return 1; }
  svc=$(id -u "$SERVICE_USER" 2>/dev/null) || { echo "no user $SERVICE_USER on this appliance"; return 1; }
  local -a parts
  IFS=/ read -r -a parts <<<"${dir#"$root"/}"
  p=$root
  for part in "" "${parts[@]}"; do
    [[ -n $part ]] && p=$p/$part
    if [[ -L $p ]]; then echo "a folder on its path is a symbolic link"; return 1; fi
    [[ -e $p ]] || break
    if [[ ! -d $p ]]; then echo "a part of its path is not a folder"; return 1; fi
    read -r uid mode < <(stat -c '%u %a' -- "$p")
    if [[ $uid == "$svc" ]]; then
      handed=1
    elif [[ -n $handed ]]; then
      echo "a folder on its path is not the server's ($SERVICE_USER) though one above it is"; return 1
    elif [[ $p == "$dir" ]]; then
      echo "it exists and is not the server's ($SERVICE_USER): give a new folder (it is made for the server)"; return 1
    elif [[ $uid != "$TRUSTED_UID" ]] || (((8#$mode & 8#022) != 0)); then
      echo "a folder on its path is not root's alone (another owner, or writable by group or others)"; return 1
    fi
    deepest=$p
  done
  [[ -n $deepest ]] || { echo "the folder it would be in does not exist"; return 1; }
  read -r target fs opts < <(findmnt -n -r -o TARGET,FSTYPE,OPTIONS -T "$deepest" 2>/dev/null || true)
  case ${fs:-none} in
    none|tmpfs|ramfs|devtmpfs|proc|sysfs|cgroup|cgroup2|debugfs|securityfs|configfs|overlay|squashfs|iso9660)
      echo "not on a disk-backed filesystem (${fs:-none found})"; return 1 ;;
  esac
  if [[ ,$opts, == *,ro,* ]]; then echo "on a read-only filesystem"; return 1; fi
  if [[ $root != "${RECORDING_DEFAULT_DIR%/*}" && $target != "$root" && $target != "$root"/* ]]; then
    echo "not on a volume mounted below $root (it would be the appliance's own disk: mount the recordings disk first)"; return 1
  fi
  return 0
}

# answer_ok KEY VALUE: a first-boot answer (appliance-image/answers.example.conf). Empty
# is accepted where the key is optional; what needs what is answers_ok's
# business (consilium-firstboot).
answer_ok() {
  local k=$1 v=$2
  if [[ $v =~ [[:cntrl:]] ]]; then echo "holds control characters"; return 1; fi
  case $k in
    hostname)
      if [[ $v =~ ^[0-9.]+$ ]]; then echo "not a host name (an address)"; return 1; fi
      host_ok "$v" ;;
    ip)
      [[ $v == dhcp ]] && return 0
      local prefix=${v##*/}
      if [[ ! $v =~ ^[0-9.]+/[0-9]{1,2}$ ]] || ! ipv4_ok "${v%/*}" || ((10#$prefix < 1 || 10#$prefix > 32)); then
        echo "not dhcp or address/prefix (e.g. 10.20.30.40/24)"; return 1
      fi ;;
    gateway) [[ -z $v ]] || address_ok "$v" ;;
    dns) list_ok "$v" 3 address_ok ;;
    media_advertised_addresses) list_ok "$v" 4 address_ok ;;
    client_networks) list_ok "$v" 32 network_ok networks ;;
    ntp_servers) list_ok "$v" 8 host_ok servers ;;
    cluster_peers) list_ok "$v" 16 host_ok ;;
    cluster_address) # this appliance's own address on the cluster network (empty: found by consilium-apply)
      [[ -z $v ]] && return 0
      address_ok "$v" || return 1
      local first=${v%%.*}
      if ((first == 0 || first == 127 || first >= 224)); then echo "not a unicast address (not 0/8, 127/8, multicast or above)"; return 1; fi ;;
    cluster_vip) # the cluster's shared (floating) address: address or address/prefix
      [[ -z $v ]] && return 0
      if [[ ! $v =~ ^[0-9.]+(/[0-9]{1,2})?$ ]] || ! ipv4_ok "${v%/*}" || { [[ $v == */* ]] && ((10#${v##*/} < 8 || 10#${v##*/} > 32)); }; then
        echo "not an IPv4 address or address/prefix with a prefix from 8 to 32 (e.g. 10.20.30.50 or 10.20.30.50/24)"; return 1
      fi
      local first=${v%%.*}
      if ((first == 0 || first == 127 || first >= 224)); then echo "not a unicast address (not 0/8, 127/8, multicast or above)"; return 1; fi ;;
    cluster_vip_interface) # the network interface the shared address goes on (empty: the cluster address's)
      [[ -z $v || $v =~ ^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$ ]] || { echo "not a network interface name (e.g. ens192 or eth0)"; return 1; } ;;
    cluster_name) # the DNS name of the shared address (the certificate names it)
      [[ -z $v ]] && return 0
      if [[ $v =~ ^[0-9.]+$ ]]; then echo "not a DNS name (an address: that is cluster_vip)"; return 1; fi
      host_ok "$v" ;;
    cluster_secret) # the same on every appliance of a cluster (JGroups AUTH; the cluster's TLS key derives from it)
      [[ -z $v ]] && return 0
      if ((${#v} < 24 || ${#v} > 256)); then echo "under 24 or over 256 characters"; return 1; fi
      if [[ $v =~ ^[[:space:]] || $v =~ [[:space:]]$ ]]; then echo "begins or ends with a space"; return 1; fi ;;
    db_host) # the hospital's PostgreSQL (empty: the appliance's own, on loopback)
      [[ -z $v ]] || host_ok "$v" ;;
    db_port) [[ -z $v ]] || port_ok "$v" ;;
    db_name|db_user) # PostgreSQL identifiers, unquoted: they go into the JDBC URL and the properties
      [[ -z $v || $v =~ ^[A-Za-z_][A-Za-z0-9_]{0,62}$ ]] \
        || { echo "not a PostgreSQL name (a letter or _, then letters, digits, _; at most 63)"; return 1; } ;;
    db_ca) # the database server's CA (PEM), a file next to the answer file on the CONSILIUM disk
      [[ -z $v || $v =~ ^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$ ]] || { echo "not a file name on the CONSILIUM disk (no folders)"; return 1; } ;;
    db_password) # the hospital database role's password (only in the credential store)
      [[ -z $v ]] && return 0
      if ((${#v} > 1024)); then echo "over 1024 characters"; return 1; fi
      if [[ $v =~ ^[[:space:]] || $v =~ [[:space:]]$ ]]; then echo "begins or ends with a space"; return 1; fi ;;
    recording_directory) # the recordings folder (empty: the data volume's); recording_dir_ok checks it on the disk
      [[ -z $v ]] && return 0
      if ((${#v} > 200)) || [[ ! $v =~ ^(/[A-Za-z0-9_][A-Za-z0-9._-]*)+$ ]]; then
        echo "not an absolute path of letters, digits and . _ - (no spaces, no folder name starting with a dot), at most 200 characters"; return 1
      fi
      recording_root_of "$v" >/dev/null || { echo "not the data volume's recordings folder ($RECORDING_DEFAULT_DIR) nor a folder below ${RECORDING_ROOTS// / or }"; return 1; } ;;
    recording_min_free_mb) # MiB a new recording needs free (running ones stop below half)
      [[ -z $v ]] && return 0
      if [[ ! $v =~ ^[1-9][0-9]{0,6}$ ]] || ((v < 64 || v > 1048576)); then echo "not a whole number of MiB from 64 to 1048576"; return 1; fi ;;
    hsm_endpoints) list_ok "$v" 4 endpoint_ok ;;
    siem_host) [[ -z $v ]] || host_ok "$v" ;;
    siem_port|media_port|media_tcp_port) [[ -z $v ]] || port_ok "$v" ;;
    directory_url)
      [[ -z $v ]] && return 0
      if [[ ! $v =~ ^ldaps?://([^/:]+)(:([0-9]+))?/?$ ]]; then echo "not ldaps://host[:port] or ldap://host[:port]"; return 1; fi
      local port=${BASH_REMATCH[3]}
      host_ok "${BASH_REMATCH[1]}" || return 1
      [[ -z $port ]] || port_ok "$port" ;;
    directory_bind_dn|directory_users_dn|directory_groups_dn)
      [[ -z $v || $v == *=* ]] || { echo "not a distinguished name (e.g. OU=Staff,DC=hospital,DC=example)"; return 1; } ;;
    directory_user_attribute)
      [[ $v =~ ^[A-Za-z][A-Za-z0-9-]{0,63}$ ]] || { echo "not an attribute name (e.g. sAMAccountName or uid)"; return 1; } ;;
    group_clinician|group_admin|group_auditor)
      # they go into the role mapper's configuration, a quoted CLI value
      [[ -n $v ]] || { echo "empty"; return 1; }
      if [[ $v == *[\"\\]* ]] || ((${#v} > 256)); then echo "holds a quote or backslash, or is over 256 characters"; return 1; fi ;;
    hsm_library)
      [[ -z $v ]] && return 0
      [[ $v =~ ^/[A-Za-z0-9._/+-]+\.so(\.[0-9]+)*$ ]] || { echo "not the absolute path of a PKCS#11 library (.so)"; return 1; }
      [[ -f $v ]] || { echo "no such file on this appliance"; return 1; } ;;
    hsm_slot) [[ -z $v || $v =~ ^[0-9]{1,10}$ ]] || { echo "not a slot number"; return 1; } ;;
    tls_mode) [[ $v =~ ^(self-signed|csr|import)$ ]] || { echo "not self-signed, csr or import"; return 1; } ;;
    tls_pkcs12|tls_client_ca)
      # a file next to the answer file on the CONSILIUM disk
      [[ -z $v || $v =~ ^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$ ]] || { echo "not a file name on the CONSILIUM disk (no folders)"; return 1; } ;;
    node_id) [[ -z $v || $v =~ ^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$ ]] || { echo "not lower-case letters, digits and inner hyphens"; return 1; } ;;
    ssh_enabled) [[ $v =~ ^(yes|no)$ ]] || { echo "not yes or no"; return 1; } ;;
    admin_ssh_key)
      [[ -z $v || $v =~ ^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com)\ [A-Za-z0-9+/]+=*(\ .*)?$ ]] \
        || { echo "not an OpenSSH public key line (ssh-ed25519 AAAA… comment)"; return 1; } ;;
    admin_password)
      [[ -z $v ]] && return 0
      local classes=0
      [[ $v =~ [a-z] ]] && classes=$((classes + 1)); [[ $v =~ [A-Z] ]] && classes=$((classes + 1))
      [[ $v =~ [0-9] ]] && classes=$((classes + 1)); [[ $v =~ [^A-Za-z0-9] ]] && classes=$((classes + 1))
      if ((${#v} < 12 || classes < 3)); then echo "under 12 characters or fewer than 3 of: lower case, upper case, digits, others"; return 1; fi ;;
    admin_password_hash) [[ -z $v || $v =~ ^\$(6|y)\$ ]] || { echo "not a SHA-512 or yescrypt crypt(3) hash (mkpasswd)"; return 1; } ;;
  esac
}
