#!/usr/bin/env bash
# Stops the servers that scripts/start-suite.sh started.
cd "$(dirname "$0")/.."
for f in run/*.pid; do
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  if kill "$pid" 2>/dev/null; then echo "stopping $(basename "$f" .pid) (pid $pid)"; fi
  rm -f "$f"
done
