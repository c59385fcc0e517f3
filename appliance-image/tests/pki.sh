#!/bin/bash
# pki.sh (sourced by tls-test.sh and boot-test.sh): a throwaway hospital CA and a server
# certificate it signed, as a hospital PKI would make them (openssl, EC P-256).
# test_pki DIR CN DAYS: DIR/ca.{key,pem}, DIR/server.{key,pem} for CN (also its DNS name,
# for server authentication), valid DAYS days.
test_pki() {
  local d=$1 cn=$2 days=$3
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$d/ca.key" -out "$d/ca.pem" \
    -subj "/CN=Test Hospital CA" -days "$days" 2>/dev/null
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$d/server.key" -out "$d/server.csr" \
    -subj "/CN=$cn" 2>/dev/null
  printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth\n' "$cn" > "$d/server.ext"
  openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial -days "$days" \
    -extfile "$d/server.ext" -out "$d/server.pem" 2>/dev/null
}
