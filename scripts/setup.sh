#!/usr/bin/env bash
# Installs what the build needs beyond the Swift toolchain: GSL (libgsl-dev), SQLite
# (libsqlite3-dev, for sweeps) and pkg-config.
# Safe to run repeatedly: it does nothing when both are already present.
set -euo pipefail
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists gsl sqlite3; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing libgsl-dev, libsqlite3-dev and pkg-config through apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq libgsl-dev libsqlite3-dev pkg-config >/dev/null
pkg-config --exists gsl sqlite3 || {
  echo "setup: gsl or sqlite3 still not found by pkg-config" >&2
  exit 1
}
