#!/usr/bin/env bash
# Runs the whole test suite. The tests use the real PostgreSQL (127.0.0.1:5432, trust auth) and Redis
# (127.0.0.1:6379) of this machine: this script starts them when they do not answer, installs docker-compose (to
# validate the compose files) when it is missing, then runs Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
if ! pg_up; then
  echo "PostgreSQL is not answering on 127.0.0.1:5432; starting it"
  if command -v pg_ctlcluster >/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || { echo "PostgreSQL could not be started; the PostgreSQL tests need it" >&2; exit 1; }
fi

if command -v redis-cli >/dev/null && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "Redis is not answering on 127.0.0.1:6379; starting it"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /tmp --logfile /tmp/redis-sam6d.log || true
fi

# the compose files are validated by `docker-compose config` (no Docker daemon needed): Debian's package
if ! command -v docker-compose >/dev/null && command -v apt-get >/dev/null; then
  echo "docker-compose is not installed; installing Debian's package to validate the compose files"
  SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo -n"
  { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq docker-compose >/dev/null; } \
    || echo "could not install docker-compose: DeploymentFilesTest skips its compose validation" >&2
fi

# the tests of tools/export-sam6d (SAM-6D's networks, exported small with random weights, run by the DJL engines)
# need a Python with PyTorch: Debian's python3-torch is installed when none has it (apt-get, about 190 MB);
# SAM6D_TORCH_TESTS=skip skips those tests instead, and says so
if [ "${SAM6D_TORCH_TESTS:-run}" = "skip" ]; then
  echo "SAM6D_TORCH_TESTS=skip: the SAM-6D export tests are skipped"
  set -- "$@" -Dsam6d.torch.skip=true
else
  SAM6D_PYTHON="$(tools/export-sam6d/ensure-torch.sh)"
  export SAM6D_PYTHON
  echo "Python with PyTorch for the SAM-6D export tests: $SAM6D_PYTHON"
fi

exec mvn -B verify "$@"
