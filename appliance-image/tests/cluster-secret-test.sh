#!/bin/bash
# Test of consilium-cluster-secret (the cluster's secret and the TLS key and certificate
# derived from it, cluster.p12): a secret under 24 characters is refused and nothing changes; a new secret
# derives the key under a new password, stores both and restarts a running server; the same
# secret again changes nothing, unless the key file was replaced since; a step that fails
# leaves the secret's hash as it was, so the next run does it all again; the secret is never
# an argument nor printed. consilium-secret and systemctl are stubs; ClusterKey.java runs for
# real when a BouncyCastle jar is at hand (the local Maven repository or the appliance's
# WildFly), then the key is checked: it opens with the stored password, its certificate has
# the fixed fields and is the one trusted, and two appliances given the same secret hold the
# same key and certificate, byte for byte.
# No root, no appliance.
# shellcheck disable=SC2034 # variables read by check's conditions (eval)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TOOL=$ROOT/ansible/roles/base/files/consilium-cluster-secret
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cluster-secret-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export LC_ALL=C
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { if eval "$2"; then ok; else fail "$1"; fi; }
MARK=Zq7Xmark

BIN=$WORK/bin CALLS=$WORK/calls
mkdir -p "$BIN" "$WORK/run-systemd"
export CALLS WORK
# consilium-secret: the store is a folder (STORE, one file per alias); --check compares;
# FAIL_ALIAS makes storing that alias fail
cat > "$BIN/consilium-secret" <<'EOF'
#!/bin/bash
check=; [[ $1 == --check ]] && { check=1; shift; }
IFS= read -r v
echo "consilium-secret ${check:+--check }$1" >> "$CALLS"
if [[ -n $check ]]; then [[ -f $STORE/$1 && $(cat "$STORE/$1") == "$v" ]]; exit; fi
[[ $1 != "${FAIL_ALIAS:-}" ]] || { echo "consilium-secret: simulated failure" >&2; exit 1; }
mkdir -p "$STORE"; printf '%s\n' "$v" > "$STORE/$1"; echo changed
EOF
cat > "$BIN/systemctl" <<'EOF'
#!/bin/bash
echo "systemctl $*" >> "$CALLS"
[[ $* != "is-active -q consilium" || -f $WORK/server-running ]]
EOF
# java: its arguments logged; the real one when BouncyCastle is at hand, else a stand-in that
# writes the file ClusterKey would
BCPROV=$(find "$HOME/.m2/repository/org/bouncycastle/bcprov-jdk18on" /opt/consilium/wildfly/modules/system/layers/base/org/bouncycastle/bcprov \
  -name 'bcprov-jdk18on-*.jar' 2>/dev/null | sort | tail -n 1 || true)
JAVA=$(command -v java || true)
[[ -n $JAVA ]] || BCPROV=
cat > "$BIN/java" <<EOF
#!/bin/bash
printf '%s\n' "\$*" >> "\$WORK/java.args"
if [[ -n "$BCPROV" ]]; then exec "$JAVA" "\$@"; fi
{ read -r s; read -r p; } ; printf 'key of %s\n' "\$(printf '%s' "\$s" | sha256sum)" > "\${!#}"; chmod 600 "\${!#}"
EOF
chmod 755 "$BIN"/*
export CONSILIUM_SECRET=$BIN/consilium-secret CONSILIUM_JAVA=$BIN/java CONSILIUM_BCPROV=${BCPROV%/*}
export CONSILIUM_SERVER_SCRIPTS=$ROOT/server/src/main/scripts CONSILIUM_CHECKS=$ROOT/ansible/roles/base/files/consilium-checks.sh
export CONSILIUM_RUN_SYSTEMD=$WORK/run-systemd CONSILIUM_CLUSTER_OWNER
CONSILIUM_CLUSTER_OWNER="$(id -un):$(id -gn)"
PATH=$BIN:$PATH
[[ -n $BCPROV ]] || echo "cluster-secret-test: no BouncyCastle jar here: ClusterKey.java replaced by a stand-in"

appliance() { # appliance NAME: the server's configuration folder and credential store of NAME
  export CONSILIUM_CLUSTER_CONFIG=$WORK/$1/configuration STORE=$WORK/$1/store CONSILIUM_CLUSTER_STAMP=$WORK/$1/hashes/cluster.p12.sha256
  mkdir -p "$CONSILIUM_CLUSTER_CONFIG"
}
run() { # run SECRET: the tool with SECRET on standard input; its output in $out, status in $rc
  : > "$CALLS"; rc=0
  out=$(printf '%s\n' "$1" | "$TOOL" 2>&1) || rc=$?
}
# key_digest P12 PASSWORD: what the TLS entries of P12 hold (real derivation only): the key's
# algorithm, the certificate's subject, serial and validity, whether the same certificate is
# the one trusted entry, and the SHA-256 of the private key's and the certificate's encodings
cat > "$WORK/KeyDigest.java" <<'EOF'
import java.io.FileInputStream;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HexFormat;
public class KeyDigest {
    public static void main(String[] args) throws Exception {
        char[] password = System.getenv("P12_PASSWORD").toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(args[0])) { store.load(in, password); }
        KeyStore.PrivateKeyEntry entry = (KeyStore.PrivateKeyEntry) store.getEntry("jgroups-tls", new KeyStore.PasswordProtection(password));
        X509Certificate certificate = (X509Certificate) entry.getCertificate();
        certificate.verify(certificate.getPublicKey());
        StringBuilder trusted = new StringBuilder();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isCertificateEntry(alias)) {
                trusted.append(trusted.length() == 0 ? "" : ",").append(store.getCertificate(alias).equals(certificate) ? "trusted" : "other");
            }
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(entry.getPrivateKey().getEncoded());
        sha256.update(certificate.getEncoded());
        System.out.println(entry.getPrivateKey().getAlgorithm() + " " + entry.getCertificateChain().length + " "
            + certificate.getSubjectX500Principal().getName().replace(' ', '_') + " " + certificate.getSerialNumber() + " "
            + certificate.getNotBefore().toInstant() + " " + certificate.getNotAfter().toInstant() + " " + trusted + " "
            + HexFormat.of().formatHex(sha256.digest()));
    }
}
EOF
key_digest() { P12_PASSWORD=$2 "$JAVA" "$WORK/KeyDigest.java" "$1" 2>&1; }

S1=cluster-one-$MARK-0123456789 S2=cluster-two-$MARK-0123456789
appliance a; P12=$CONSILIUM_CLUSTER_CONFIG/cluster.p12
touch "$WORK/server-running"

# --- refusals: nothing changes ------------------------------------------------------------
run "short-$MARK"
check "a secret under 24 characters is refused ($out)" '((rc != 0)) && [[ $out == *"under 24"*"nothing was changed"* ]]'
check "the refused secret is not printed" '[[ $out != *"$MARK"* ]]'
check "nothing is stored or restarted for a refused secret" '[[ ! -s $CALLS && ! -e $P12 ]]'
run ""
check "nothing on standard input is refused ($out)" '((rc != 0)) && [[ $out == *"nothing on standard input"* && ! -s $CALLS ]]'
rc=0; out=$(printf '%s\n' "$S1" | "$TOOL" "$S1" 2>&1) || rc=$?
check "a secret as an argument is refused, not printed ($out)" '((rc != 0)) && [[ $out == *usage* && $out != *"$MARK"* && ! -e $P12 ]]'
rc=0; out=$(printf '%s\n' "$S1" | CONSILIUM_CLUSTER_CONFIG=$WORK/none "$TOOL" 2>&1) || rc=$?
check "no server configuration yet: refused ($out)" '((rc != 0)) && [[ $out == *"no server configuration"* ]]'

# --- a new secret: key derived, both stored, the running server restarted -------------------
run "$S1"
check "a new secret: changed ($out)" '((rc == 0)) && [[ $out == changed ]]'
check "cluster.p12 written, mode 600" '[[ -f $P12 && $(stat -c %a "$P12") == 600 ]]'
check "no pending file left" '[[ -z $(find "$CONSILIUM_CLUSTER_CONFIG" -name "*.pending*") ]]'
check "the secret stored as cluster-secret" '[[ $(cat "$STORE/cluster-secret") == "$S1" ]]'
check "a key password stored as cluster-key" '[[ $(cat "$STORE/cluster-key") =~ ^[A-Za-z0-9]{32}$ ]]'
check "the key's password first, the secret last ($(tr '\n' ';' < "$CALLS"))" \
  '[[ $(grep -n "^consilium-secret cluster-key" "$CALLS" | cut -d: -f1) -lt $(grep -n "^consilium-secret cluster-secret" "$CALLS" | cut -d: -f1) ]]'
check "the running server restarted once" '[[ $(grep -c "^systemctl restart" "$CALLS") == 1 ]]'
check "the secret was never an argument" '[[ $(cat "$WORK/java.args") != *"$MARK"* ]]'
key_password1=$(cat "$STORE/cluster-key")
if [[ -n $BCPROV ]]; then
  digest_a=$(key_digest "$P12" "$key_password1")
  check "the key opens with the stored password: EC, self-signed CN=consilium cluster, serial 1, 2026 to 2100, the one trusted entry ($digest_a)" \
    '[[ $digest_a =~ ^EC\ 1\ CN=consilium_cluster\ 1\ 2026-01-01T00:00:00Z\ 2100-01-01T00:00:00Z\ trusted\ [0-9a-f]{64}$ ]]'
  # ClusterKey --check (prepare-secrets.sh derives an older file again): this one is current
  check "ClusterKey --check: the derived file is current" \
    '"$JAVA" -cp "$BCPROV" "$ROOT/server/src/main/scripts/ClusterKey.java" --check "$P12"'
fi
cp "$P12" "$WORK/p12.first"

# --- the same secret again: nothing ---------------------------------------------------------
run "$S1"
check "the same secret: no output ($out)" '((rc == 0)) && [[ -z $out ]]'
check "the same secret: only checked, nothing stored, no restart ($(tr '\n' ';' < "$CALLS"))" \
  '[[ $(cat "$CALLS") == "consilium-secret --check cluster-secret" ]]'
check "the same secret: cluster.p12 as it was" 'cmp -s "$P12" "$WORK/p12.first"'

# --- the key file replaced since (prepare-secrets.sh makes a random one when it is missing):
# the same secret derives it again
rm -f "$P12"; echo "a random key of prepare-secrets.sh" > "$P12"
if [[ -n $BCPROV ]]; then
  check "ClusterKey --check: a file without the TLS key is not current" \
    '! "$JAVA" -cp "$BCPROV" "$ROOT/server/src/main/scripts/ClusterKey.java" --check "$P12"'
fi
run "$S1"
check "key file replaced, same secret: derived again ($out)" '((rc == 0)) && [[ $out == changed ]] && ! grep -q "random key" "$P12"'
if [[ -n $BCPROV ]]; then
  check "key file replaced, same secret: the same key again" '[[ $(key_digest "$P12" "$(cat "$STORE/cluster-key")") == "$digest_a" ]]'
fi
run "$S1"
check "and then nothing again" '((rc == 0)) && [[ -z $out ]]'
cp "$P12" "$WORK/p12.first"

# --- the same secret on a second appliance: the same key ------------------------------------
if [[ -n $BCPROV ]]; then
  appliance b
  run "$S1"
  check "second appliance: changed" '((rc == 0)) && [[ $out == changed ]]'
  digest_b=$(key_digest "$CONSILIUM_CLUSTER_CONFIG/cluster.p12" "$(cat "$STORE/cluster-key")")
  check "second appliance: its own key password" '[[ $(cat "$STORE/cluster-key") != "$key_password1" ]]'
  check "second appliance, same secret: the same key" '[[ $digest_b == "$digest_a" ]]'
  appliance a
fi

# --- a step fails: the secret's hash stays the old one, so a new run does everything ----------
rc=0; out=$(printf '%s\n' "$S2" | FAIL_ALIAS=cluster-key "$TOOL" 2>&1) || rc=$?
check "a failed step fails ($out)" '((rc != 0)) && [[ $out == *"cannot store the TLS key"* && $out != *"$MARK"* ]]'
check "after the failed step: cluster.p12 as it was, no pending file" 'cmp -s "$P12" "$WORK/p12.first" && [[ -z $(find "$CONSILIUM_CLUSTER_CONFIG" -name "*.pending*") ]]'
check "after the failed step: the secret not stored" '[[ $(cat "$STORE/cluster-secret") == "$S1" ]]'
rm -f "$WORK/server-running"
run "$S2"
check "the run after: changed" '((rc == 0)) && [[ $out == changed && $(cat "$STORE/cluster-secret") == "$S2" ]]'
check "a new secret, a new key" '! cmp -s "$P12" "$WORK/p12.first"'
check "a stopped server is not started" '[[ $(grep -c "^systemctl restart" "$CALLS") == 0 ]]'
if [[ -n $BCPROV ]]; then
  digest_2=$(key_digest "$P12" "$(cat "$STORE/cluster-key")")
  check "another secret, another key and certificate" '[[ $digest_2 =~ ^EC\ 1\ CN=consilium_cluster && $digest_2 != "$digest_a" ]]'
fi

# --- no restart when asked (Ansible restarts once for everything) ---------------------------
touch "$WORK/server-running"
rc=0; : > "$CALLS"; out=$(printf '%s\n' "$S1" | CONSILIUM_APPLY_NO_RESTART=1 "$TOOL" 2>&1) || rc=$?
check "CONSILIUM_APPLY_NO_RESTART: changed, no restart" '((rc == 0)) && [[ $out == changed ]] && ! grep -q "^systemctl restart" "$CALLS"'

# --- --generate --------------------------------------------------------------------------------
g1=$("$TOOL" --generate) g2=$("$TOOL" --generate)
check "--generate: 8 groups of 4 base32 characters ($g1)" '[[ $g1 =~ ^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$ ]]'
check "--generate: a new one each time" '[[ $g1 != "$g2" ]]'
run "$g1"
check "a generated secret is accepted" '((rc == 0)) && [[ $out == changed ]]'

echo "cluster-secret-test: $passed checks passed, $failed failed"
((failed == 0))
