#!/usr/bin/env bash
# Benchmarks of sam6d-suite, run straight on the engines of vision-core (no server), from module vision-eval.
#
#   scripts/bench.sh bop --dataset ../shared/data/ycbv_real [--ism weight-free] [--pem weight-free] [...]
#   scripts/bench.sh frame --rgb rgb.png --depth depth.png --camera camera.json --model obj_000005.ply [...]
#   scripts/bench.sh eval --dataset DIR --results results.csv
#   scripts/bench.sh metrics-speed --dataset DIR
#   scripts/bench.sh engines
#   scripts/bench.sh render [RenderBenchmark arguments]
#   scripts/bench.sh segmentation            (WeightFreeSegmentationBenchmark; -D options through JAVA_OPTS)
#   scripts/bench.sh synthetic MODELS_DIR OUTPUT_DIR SCENES IMAGES_PER_SCENE SEED [--preset clutter] [...]
#   scripts/bench.sh dev-data [OUTPUT_DIR] [--sets NAME,...]   (the standard development sets; scripts/dev-data.sh)
#   scripts/bench.sh ism-load [CONCURRENCY=50]     (load test of one ism-server: scripts/bench-ism-load.sh)
#
# Builds vision-eval (and vision-core) when their sources are newer than the last build; the build writes the
# runtime classpath to vision-eval/target/bench-classpath.txt. Then runs io.sam6d.vision.eval.BenchmarkCommand
# (or the main named above). `scripts/bench.sh bop --help` prints every option.
#
# Environment: JAVA_OPTS (default -Xmx6g), MVN_FLAGS (default "-B -q"), BENCH_EXTRA_CP (more classpath entries,
# for engines that live outside vision-core).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
EVAL="$ROOT/vision-eval"
TARGET="$EVAL/target"
CP_FILE="$TARGET/bench-classpath.txt"
STAMP="$TARGET/.bench-built"
MVN_FLAGS="${MVN_FLAGS:--B -q}"
JAVA_OPTS="${JAVA_OPTS:--Xmx6g}"

if [[ $# -eq 0 ]]; then
  sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
if [[ "$1" == "ism-load" ]]; then
  shift
  exec "$ROOT/scripts/bench-ism-load.sh" "$@"
fi

needs_build() {
  [[ ! -f "$STAMP" || ! -d "$TARGET/classes" || ! -s "$CP_FILE" ]] && return 0
  [[ -n "$(find "$EVAL/src/main" "$EVAL/pom.xml" "$ROOT/vision-core/src/main" "$ROOT/vision-core/pom.xml" \
    "$ROOT/pom.xml" -newer "$STAMP" -print -quit 2>/dev/null)" ]]
}

if needs_build; then
  echo "building vision-eval ..." >&2
  # -am builds only what vision-eval needs in the reactor; never `install` (the ~/.m2 repository is shared)
  (cd "$ROOT" && mvn $MVN_FLAGS -pl vision-eval -am -DskipTests package) >&2
  touch "$STAMP"
fi

CP="$TARGET/classes:$(cat "$CP_FILE")"
if [[ -n "${BENCH_EXTRA_CP:-}" ]]; then
  CP="$CP:$BENCH_EXTRA_CP"
fi

run() {
  exec java $JAVA_OPTS -Djava.awt.headless=true -Dsam6d.bench.root="$ROOT" -Dsam6d.shared.dir="${SAM6D_SHARED_DIR:-$ROOT/../shared}" \
    -cp "$CP" "$@"
}

cmd="$1"
case "$cmd" in
  render) shift; run io.sam6d.vision.eval.RenderBenchmark "$@" ;;
  segmentation) shift; run io.sam6d.vision.eval.WeightFreeSegmentationBenchmark "$@" ;;
  synthetic) shift; run io.sam6d.vision.synthetic.SyntheticScenes "$@" ;;
  dev-data) shift; run io.sam6d.vision.eval.DevData "$@" ;;
  *) run io.sam6d.vision.eval.BenchmarkCommand "$@" ;;
esac
