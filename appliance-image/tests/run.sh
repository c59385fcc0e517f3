#!/bin/bash
# The appliance's script tests, without root and without an appliance (seconds): shellcheck
# (warnings and errors) on the roles' shell tools, the server's set-up scripts the appliance
# runs, the image's build and boot-test scripts, and the tests; then every *-test.sh here.
# Needs bash, coreutils and shellcheck (./consilium test installs them).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
mapfile -t scripts < <(grep -l '^#!/bin/bash\|^#!/usr/bin/env bash\|^# shellcheck shell=bash' \
  "$ROOT"/ansible/roles/*/files/* "$ROOT"/server/src/main/scripts/*.sh "$ROOT"/appliance-image/*.sh "$ROOT"/appliance-image/lynis-sysctl "$HERE"/*.sh)
shellcheck -S warning "${scripts[@]}"
echo "shellcheck: ${#scripts[@]} scripts clean"
for t in "$HERE"/*-test.sh; do "$t"; done
