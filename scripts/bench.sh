#!/usr/bin/env bash
# Benchmarks of sam6d-suite, run straight on vision-core (no server).
#
#   scripts/bench.sh bop --dataset ../shared/data/ycbv_real [--ism weight-free] [--pem weight-free] [...]
#   scripts/bench.sh frame --rgb rgb.png --depth depth.png --camera camera.json --model obj_000005.ply [...]
#   scripts/bench.sh eval --dataset DIR --results results.csv
#   scripts/bench.sh metrics-speed --dataset DIR
#   scripts/bench.sh engines
#   scripts/bench.sh render [RenderBenchmark arguments]
#   scripts/bench.sh ism-load [CONCURRENCY=50]     (load test of one ism-server: scripts/bench-ism-load.sh)
#
# Builds vision-core when its sources are newer than the last build, caches the dependency classpath in
# vision-core/target/bench-classpath.txt, then runs io.sam6d.vision.eval.BenchmarkCommand (or, for `render`,
# io.sam6d.vision.render.RenderBenchmark). `scripts/bench.sh bop --help` prints every option.
#
# Environment: JAVA_OPTS (default -Xmx6g), MVN_FLAGS (default "-B -q"), BENCH_EXTRA_CP (more classpath entries,
# for engines that live outside vision-core).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CORE="$ROOT/vision-core"
TARGET="$CORE/target"
CP_FILE="$TARGET/bench-classpath.txt"
STAMP="$TARGET/.bench-built"
MVN_FLAGS="${MVN_FLAGS:--B -q}"
JAVA_OPTS="${JAVA_OPTS:--Xmx6g}"

if [[ $# -eq 0 ]]; then
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
if [[ "$1" == "ism-load" ]]; then
  shift
  exec "$ROOT/scripts/bench-ism-load.sh" "$@"
fi

needs_build() {
  [[ ! -f "$STAMP" || ! -d "$TARGET/classes" ]] && return 0
  [[ -n "$(find "$CORE/src/main" "$CORE/pom.xml" "$ROOT/pom.xml" -newer "$STAMP" -print -quit 2>/dev/null)" ]]
}

if needs_build; then
  echo "building vision-core ..." >&2
  # -am builds only what vision-core needs in the reactor; never `install` (the ~/.m2 repository is shared)
  (cd "$ROOT" && mvn $MVN_FLAGS -pl vision-core -am -DskipTests package) >&2
  touch "$STAMP"
fi

if [[ ! -s "$CP_FILE" || "$CORE/pom.xml" -nt "$CP_FILE" || "$ROOT/pom.xml" -nt "$CP_FILE" ]]; then
  (cd "$ROOT" && mvn $MVN_FLAGS -pl vision-core dependency:build-classpath -Dmdep.outputFile="$CP_FILE") >&2
fi

CP="$TARGET/classes:$(cat "$CP_FILE")"
if [[ -n "${BENCH_EXTRA_CP:-}" ]]; then
  CP="$CP:$BENCH_EXTRA_CP"
fi

cmd="$1"
case "$cmd" in
  render)
    shift
    if [[ ! -f "$TARGET/classes/io/sam6d/vision/render/RenderBenchmark.class" ]]; then
      echo "io.sam6d.vision.render.RenderBenchmark is not in this build of vision-core yet" >&2
      exit 2
    fi
    exec java $JAVA_OPTS -Djava.awt.headless=true -Dsam6d.bench.root="$ROOT" -cp "$CP" \
      io.sam6d.vision.render.RenderBenchmark "$@"
    ;;
  *)
    exec java $JAVA_OPTS -Djava.awt.headless=true -Dsam6d.bench.root="$ROOT" -cp "$CP" \
      io.sam6d.vision.eval.BenchmarkCommand "$@"
    ;;
esac
