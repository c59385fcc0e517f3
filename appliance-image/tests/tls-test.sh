#!/bin/bash
# Test of consilium-tls (the server's HTTPS certificate): a CSR (with a cluster's shared name
# and address among its names), and the import of a
# hospital-CA-signed PKCS#12 key store; a wrong password, an expired certificate, a file
# with two keys or none, or no PKCS#12 at all is refused with the server's key store and its
# password left as they were. The paths and consilium-secret are redirected to a temporary
# folder; no root, no appliance. Needs keytool and openssl.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TOOL=$ROOT/ansible/roles/tls/files/consilium-tls
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tls-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export LC_ALL=C
export CONSILIUM_TLS_CONFIG=$WORK/config CONSILIUM_TLS_OUT=$WORK/out CONSILIUM_SECRET=$WORK/consilium-secret
export CONSILIUM_TLS_OWNER; CONSILIUM_TLS_OWNER="$(id -un):$(id -gn)"
export CONSILIUM_KEYTOOL; CONSILIUM_KEYTOOL=$(command -v keytool)
mkdir -p "$WORK/config" "$WORK/out" "$WORK/pki"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
MARK=Zq7Xmark

cat > "$CONSILIUM_SECRET" <<'EOF'
#!/bin/bash
# stub of consilium-secret: keeps the value where the test can read it
IFS= read -r v; printf '%s\n' "$v" > "${0%/*}/secret.$1"; echo changed
EOF
chmod 755 "$CONSILIUM_SECRET"
KS=$WORK/config/consilium-tls.p12
stored_pw() { cat "$WORK/secret.tls-keystore"; }
keys_in() { # keys_in P12 PASSWORD: the PrivateKeyEntry lines
  keytool -list -v -keystore "$1" -storetype PKCS12 -storepass "$2" 2>/dev/null
}

# --- the hospital's CA and the server's certificate (openssl, as a hospital PKI would) --------
P=$WORK/pki
# shellcheck source-path=SCRIPTDIR source=pki.sh
source "$(dirname "$0")/pki.sh"
test_pki "$P" consilium.hospital.example 30
openssl pkcs12 -export -inkey "$P/server.key" -in "$P/server.pem" -certfile "$P/ca.pem" -out "$P/good.p12" -passout "pass:p12-$MARK"
keytool -genkeypair -alias old -keyalg EC -groupname secp256r1 -dname CN=expired -startdate -60d -validity 30 \
  -keystore "$P/expired.p12" -storetype PKCS12 -storepass "p12-$MARK" >/dev/null 2>&1
for a in one two; do
  keytool -genkeypair -alias "$a" -keyalg EC -groupname secp256r1 -dname "CN=$a" -validity 30 \
    -keystore "$P/two.p12" -storetype PKCS12 -storepass "p12-$MARK" >/dev/null 2>&1
done
keytool -importcert -noprompt -alias ca -file "$P/ca.pem" -keystore "$P/nokey.p12" -storetype PKCS12 -storepass "p12-$MARK" >/dev/null 2>&1
echo "not a key store" > "$P/text.p12"

# --- csr: a new key, its request for the hospital CA -----------------------------------------
out=$("$TOOL" csr consilium.hospital.example consilium 2>&1) && ok || fail "csr: $out"
openssl req -in "$WORK/out/consilium.csr" -noout -verify >/dev/null 2>&1 && ok || fail "csr: not a valid PKCS#10 request"
req=$(openssl req -in "$WORK/out/consilium.csr" -noout -text 2>/dev/null)
[[ $req == *"CN = consilium.hospital.example"* && $req == *"DNS:consilium.hospital.example, DNS:consilium"* ]] && ok \
  || fail "csr: subject or names wrong: $(grep -E 'Subject:|DNS:' <<<"$req")"
[[ $(keys_in "$KS" "$(stored_pw)" | grep -c PrivateKeyEntry) == 1 ]] && ok || fail "csr: the key store does not open with the stored password"
# a cluster's appliance: its own name, the shared name and the shared address (an IP SAN)
out=$("$TOOL" csr consilium-1 video.hospital.example 10.20.30.50 2>&1) && ok || fail "csr with the shared name and address: $out"
req=$(openssl req -in "$WORK/out/consilium.csr" -noout -text 2>/dev/null)
[[ $req == *"DNS:consilium-1, DNS:video.hospital.example, IP Address:10.20.30.50"* ]] && ok \
  || fail "csr: the shared name and address not among the names: $(grep -E 'DNS:|IP Address' <<<"$req")"

# --- import: a key and chain signed by the hospital CA ----------------------------------------
before_pw=$(stored_pw)
out=$(printf '%s\n' "p12-$MARK" | "$TOOL" import "$P/good.p12" 2>&1) && ok || fail "import: $out"
[[ $out == *"CN = consilium.hospital.example"* ]] && ok || fail "import: does not say what it imported: $out"
[[ $out != *"$MARK"* ]] && ok || fail "import: printed the password"
[[ $(stored_pw) != "$before_pw" ]] && ok || fail "import: the key store's password was not renewed"
listing=$(keys_in "$KS" "$(stored_pw)")
[[ $(grep -c PrivateKeyEntry <<<"$listing") == 1 && $listing == *"Certificate chain length: 2"* ]] && ok \
  || fail "import: not one key with its chain of 2: $(grep -E 'Entry|chain' <<<"$listing")"
[[ $(stat -c %a "$KS") == 600 ]] && ok || fail "import: key store mode $(stat -c %a "$KS")"

# --- refusals: nothing changes ----------------------------------------------------------------
cp "$KS" "$WORK/ks.before"; good_pw=$(stored_pw)
refused() { # refused WHAT EXPECTED FILE PASSWORD
  local out
  if out=$(printf '%s\n' "$4" | "$TOOL" import "$3" 2>&1); then fail "$1: accepted"; return; fi
  [[ $out == *"$2"*"nothing was changed"* ]] || { fail "$1: no '$2 … nothing was changed' in: $out"; return; }
  [[ $out != *"$MARK"* ]] || { fail "$1: printed the password"; return; }
  cmp -s "$KS" "$WORK/ks.before" || { fail "$1: the server's key store changed"; return; }
  [[ $(stored_pw) == "$good_pw" ]] || { fail "$1: the stored password changed"; return; }
  ok
}
refused "wrong password" "the wrong password" "$P/good.p12" "wrong-$MARK"
refused "expired certificate" "its certificate has expired" "$P/expired.p12" "p12-$MARK"
refused "two keys" "it holds 2 private keys" "$P/two.p12" "p12-$MARK"
refused "no key" "it holds 0 private keys" "$P/nokey.p12" "p12-$MARK"
refused "not PKCS#12" "not PKCS#12" "$P/text.p12" "p12-$MARK"
refused "no file" "no readable file" "$P/missing.p12" "p12-$MARK"
# the server's key store still opens with the stored password after all that
[[ $(keys_in "$KS" "$(stored_pw)" | grep -c PrivateKeyEntry) == 1 ]] && ok || fail "the key store no longer opens"

echo "tls-test: $passed checks passed, $failed failed"
((failed == 0))
