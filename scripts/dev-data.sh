#!/usr/bin/env bash
# The standard development sets: cluttered synthetic scenes with exact ground truth (io.sam6d.vision.eval.DevData).
#
#   scripts/dev-data.sh [OUTPUT_DIR] [--sets ycbv-clutter-tune,...] [--scenes N] [--images N]
#
# Writes OUTPUT_DIR/{ycbv-clutter-tune, ycbv-clutter-report, lmo-clutter-tune, lmo-clutter-report} (default
# OUTPUT_DIR: target/dev-data of the repository), 8 scenes x 2 images each, from the models in ../shared/data.
# Tune on the *-tune sets (seeds 1 and 2), report on the *-report sets (seeds 1001 and 1002): see README,
# "Development data". Runs through scripts/bench.sh, which builds vision-eval when needed.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [[ $# -eq 0 || "$1" == --* ]]; then
  set -- "$ROOT/target/dev-data" "$@"
fi
exec "$ROOT/scripts/bench.sh" dev-data "$@"
