#!/usr/bin/env bash
# Load test of one ISM server (issue "hardening", not a unit test): CONCURRENCY segment requests of the demo frame
# (static/test, the demo can) sent at once to an ism-server with a bounded heap and its default bulkhead;
# every answer must be 200 or 503 (with Retry-After), the heap must stay under its limit, and the next request must
# be served. Prints the figures quoted in the README.
#
#   scripts/bench-ism-load.sh [CONCURRENCY=50]
#   ISM_HEAP=512m ISM_MAX_CONCURRENT=2 ISM_MAX_QUEUED=4 scripts/bench-ism-load.sh 50
set -euo pipefail
cd "$(dirname "$0")/.."
CONCURRENCY=${1:-50}
PORT=${BENCH_PORT:-18002}
HEAP=${ISM_HEAP:-1g}
[ -f ism-server/target/ism-server.jar ] || mvn -B -q -DskipTests -pl ism-server -am package
WORK=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/static/meshes/test"
cp static/meshes/test/obj_000005.ply "$WORK/static/meshes/test/"
SAM6D_ENV=test java -Xmx"$HEAP" -XX:+ExitOnOutOfMemoryError -jar ism-server/target/ism-server.jar \
  --server.port="$PORT" --sam6d.static-dir="$WORK/static" --sam6d.log-dir="$WORK/logs" \
  > "$WORK/server.out" 2>&1 &
PID=$!
until curl -fs "http://localhost:$PORT/actuator/health" >/dev/null 2>&1; do
  kill -0 $PID 2>/dev/null || { cat "$WORK/server.out"; exit 1; }
  sleep 1
done
echo "ism-server -Xmx$HEAP, bulkhead ${ISM_MAX_CONCURRENT:-2} computing + ${ISM_MAX_QUEUED:-4} queued" \
  "(ISM_MAX_CONCURRENT, ISM_MAX_QUEUED), $(nproc) cores"
# one request first: prepares the object (once per server), as a warm server would have
java scripts/IsmLoad.java "http://localhost:$PORT" static/test test obj_000005 1 > /dev/null
rc=0
java scripts/IsmLoad.java "http://localhost:$PORT" static/test test obj_000005 "$CONCURRENCY" || rc=$?
if ! kill -0 $PID 2>/dev/null; then
  echo "ism-server exited:"; grep -i "outofmemory\|terminating" "$WORK/server.out" | tail -3
fi
exit $rc
