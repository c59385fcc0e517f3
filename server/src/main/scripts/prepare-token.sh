#!/usr/bin/env bash
# The SoftHSM2 token "consilium" of one server base: DIR/softhsm2.conf and DIR/tokens/
# (DIR is <base>/data/softhsm2; the server finds it through SOFTHSM2_CONF).
#   prepare-token.sh --check DIR      exit 0 if DIR holds an initialised token
#   prepare-token.sh --init DIR       initialise a new token; the user PIN is read from
#                                     standard input (one line), the SO PIN is random and
#                                     forgotten (nothing in Consilium needs it)
#   prepare-token.sh --copy FROM TO   make TO a copy of FROM's token (same PIN, same keys)
# No PIN is ever an argument of any process: softhsm2-util reads PINs only from a
# terminal, so it gets a pseudo-terminal (util-linux script) fed from our standard input,
# and its output, which echoes them, is never shown.
set -euo pipefail
LABEL=consilium

usage() { echo "usage: prepare-token.sh --check DIR | --init DIR | --copy FROM TO" >&2; exit 2; }

has_token() { [[ -f "$1/softhsm2.conf" ]] && compgen -G "$1/tokens/*/token.object" >/dev/null; }

write_conf() {
  cat > "$1/softhsm2.conf" <<CONF
# SoftHSM2 configuration of this server's development/test token (prepare-token.sh).
directories.tokendir = $1/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
CONF
}

case "${1:-}" in
  --check)
    [[ $# -eq 2 ]] || usage
    has_token "$2"
    ;;
  --init)
    [[ $# -eq 2 ]] || usage
    dir=$2
    umask 077
    IFS= read -r pin || true
    [[ ${#pin} -ge 4 ]] || { echo "prepare-token: no PIN on standard input" >&2; exit 1; }
    if [[ -d "$dir/tokens" ]]; then
      mv "$dir/tokens" "$dir/tokens.replaced-$(date +%Y%m%d%H%M%S)"
    fi
    mkdir -p "$dir/tokens"
    dir=$(cd "$dir" && pwd)
    write_conf "$dir"
    so_pin=$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | head -c 32)
    if ! out=$(printf '%s\n%s\n%s\n%s\n' "$so_pin" "$so_pin" "$pin" "$pin" \
        | SOFTHSM2_CONF="$dir/softhsm2.conf" script -q -e -c "softhsm2-util --init-token --free --label $LABEL" /dev/null 2>&1) \
        || ! has_token "$dir"; then
      out=${out//"$pin"/<pin>}
      echo "prepare-token: softhsm2-util could not initialise the token: ${out//"$so_pin"/<so-pin>}" >&2
      exit 1
    fi
    echo "prepare-token: initialised the SoftHSM2 token '$LABEL' in $dir (user PIN: credential store alias hsm-pin)"
    ;;
  --copy)
    [[ $# -eq 3 ]] || usage
    from=$2 to=$3
    has_token "$from" || { echo "prepare-token: no token in $from" >&2; exit 1; }
    umask 077
    rm -rf "$to"
    mkdir -p "$to"
    cp -a "$from/tokens" "$to/tokens"
    write_conf "$(cd "$to" && pwd)"
    ;;
  *) usage ;;
esac
