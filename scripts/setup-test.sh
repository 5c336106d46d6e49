#!/usr/bin/env bash
# What the test suite needs beyond the build (scripts/setup.sh): headless Chromium, which opens
# the sweep's report.html and takes its screenshot, and rsvg-convert for rendering plots to PNG.
# SLURM and munge are installed by scripts/slurm/cluster.sh when its test starts the cluster.
# Safe to run repeatedly: it does nothing when both are present.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v rsvg-convert >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup-test: installing chromium and librsvg2-bin through apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium librsvg2-bin >/dev/null
command -v chromium >/dev/null || { echo "setup-test: chromium still missing" >&2; exit 1; }
