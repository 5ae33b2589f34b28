#!/usr/bin/env bash
# Makes sure a Python 3 with PyTorch is there for tools/export-sam6d (and the tests that run it): SAM6D_PYTHON,
# /usr/bin/python3 or python3 when one of them imports torch; otherwise Debian's python3-torch is installed with
# apt-get (as root, or with password-less sudo). Prints the interpreter on stdout; everything else goes to stderr.
# Exits non-zero, saying why, when no interpreter with torch can be had: it never lets the tests skip silently.
set -euo pipefail

has_torch() { command -v "$1" >/dev/null 2>&1 && "$1" -c "import torch" >/dev/null 2>&1; }

for py in "${SAM6D_PYTHON:-}" /usr/bin/python3 python3; do
  if [ -n "$py" ] && has_torch "$py"; then
    command -v "$py"
    exit 0
  fi
done

echo "ensure-torch: no Python with PyTorch found; installing Debian's python3-torch with apt-get" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
  else
    echo "ensure-torch: cannot install python3-torch (not root, no password-less sudo). Install it yourself" \
      "(apt-get install -y python3-torch), point SAM6D_PYTHON at a Python with torch, or run the tests without" \
      "the SAM-6D export tests: SAM6D_TORCH_TESTS=skip scripts/test.sh" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-torch: no apt-get on this machine: install PyTorch for Python 3 and set SAM6D_PYTHON" >&2
  exit 1
fi
start=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
install() { $SUDO apt-get install -y --no-install-recommends python3-torch >&2; }
if ! install; then
  echo "ensure-torch: apt-get install failed; updating the package lists and trying again" >&2
  $SUDO apt-get update >&2
  install
fi
echo "ensure-torch: python3-torch installed in $(( $(date +%s) - start )) s" >&2
if ! has_torch /usr/bin/python3; then
  echo "ensure-torch: python3-torch is installed but /usr/bin/python3 cannot import torch" >&2
  /usr/bin/python3 -c "import torch" >&2 || true
  exit 1
fi
echo /usr/bin/python3
