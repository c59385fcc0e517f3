#!/usr/bin/env bash
# Installs axe-core (the version and integrity pinned in package-lock.json) into TARGET for
# AdminConsoleAccessibilityIT: `npm ci` from the npm registry, only when it is not there
# yet. Without npm the accessibility test is skipped (and fails under ./consilium test,
# which installs Node.js and npm).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
TARGET=$1
mkdir -p "$TARGET"
if [[ -f "$TARGET/node_modules/axe-core/axe.min.js" ]] && cmp -s "$HERE/package-lock.json" "$TARGET/package-lock.json"; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "[axe-core] npm is not installed: the console's accessibility check will be skipped" >&2
  exit 0
fi
cp "$HERE/package.json" "$HERE/package-lock.json" "$TARGET/"
(cd "$TARGET" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
