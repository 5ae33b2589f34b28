#!/usr/bin/env bash
# Benchmark of GET /api/v1/objects/classes with 1,000 objects in the database, cached and uncached
# (issue "response caching"). Starts main-server twice on a scratch static/ and an in-memory H2 database.
#
#   scripts/bench-objects-api.sh [REQUESTS=5000] [THREADS=8]
#   REDIS_URL=redis://127.0.0.1:6379 scripts/bench-objects-api.sh    # cached run on Redis instead of Caffeine
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-5000}
THREADS=${2:-8}
PORT=${BENCH_PORT:-18001}
[ -f main-server/target/main-server.jar ] || mvn -B -q -DskipTests -pl main-server -am package
WORK=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for c in $(seq -w 1 10); do
  mkdir -p "$WORK/static/meshes/class_$c"
  for o in $(seq -w 1 100); do
    cp ../shared/data/ycbv_real/models/obj_000018.ply "$WORK/static/meshes/class_$c/obj_$o.ply"
  done
done
run() { # label, extra args
  SAM6D_ENV=test java -Xmx1g -jar main-server/target/main-server.jar --server.port=$PORT \
    --sam6d.static-dir="$WORK/static" --spring.datasource.url="jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1" \
    --sam6d.log-dir="$WORK/logs" "${@:2}" > "$WORK/server.out" 2>&1 &
  PID=$!
  until curl -fs "http://localhost:$PORT/actuator/health" >/dev/null 2>&1; do sleep 1; done
  total=$(curl -fs "http://localhost:$PORT/api/v1/objects/classes" | grep -o '"total_objects":[0-9]*')
  printf '%-10s (%s): ' "$1" "$total"
  java scripts/ApiLoad.java "http://localhost:$PORT/api/v1/objects/classes" "$REQUESTS" "$THREADS"
  kill $PID; wait $PID 2>/dev/null || true
}
run uncached --sam6d.cache.enabled=false
run cached --sam6d.cache.enabled=true ${REDIS_URL:+--spring.data.redis.url=$REDIS_URL}
