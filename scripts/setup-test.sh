#!/usr/bin/env bash
# What the test suite needs beyond the build (scripts/setup.sh): headless Chromium, which opens
# the sweep's report.html and takes its screenshot, rsvg-convert for rendering plots to PNG, and
# numpy and pandas, the peer readers that scripts/check_csv_readers.py loads our CSV with, and
# scipy, whose L-BFGS-B scripts/check_lbfgsb_peer.py runs as a peer of our bounded methods.
# SLURM and munge are installed by scripts/slurm/cluster.sh when its test starts the cluster.
# Safe to run repeatedly: it does nothing when all are present.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v rsvg-convert >/dev/null 2>&1 &&
  python3 -c 'import numpy, pandas, scipy' >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PACKAGES="chromium librsvg2-bin"
# Debian's numpy and pandas, unless some numpy and pandas (from pip, say) are importable already.
if ! python3 -c 'import numpy, pandas' >/dev/null 2>&1; then
  PACKAGES="$PACKAGES python3 python3-numpy python3-pandas"
fi
# Likewise Debian's scipy.
if ! python3 -c 'import scipy' >/dev/null 2>&1; then
  PACKAGES="$PACKAGES python3 python3-scipy"
fi
echo "setup-test: installing $PACKAGES through apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq $PACKAGES >/dev/null
command -v chromium >/dev/null || { echo "setup-test: chromium still missing" >&2; exit 1; }
python3 -c 'import numpy, pandas' || { echo "setup-test: numpy or pandas still missing" >&2; exit 1; }
python3 -c 'import scipy' || { echo "setup-test: scipy still missing" >&2; exit 1; }
