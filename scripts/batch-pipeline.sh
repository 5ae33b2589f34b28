#!/usr/bin/env bash
# Runs the full pipeline (render -> ISM -> PEM) over many objects and frames through main-server's REST API, shows
# each job's progress and writes a batch summary JSON. Needs only Java 17+ (no jq, no build):
#
#   scripts/batch-pipeline.sh --url http://localhost:8001 --class ycbv --objects all --frames static/frames/run1
#   scripts/batch-pipeline.sh --url http://localhost:8001 --class test --objects obj_000005 \
#       --rss http://camera-host:8080 --count 10 --align --summary out/rss_batch_summary.json
#   SAM6D_TOKEN=$(...) scripts/batch-pipeline.sh ...      # when main-server requires a bearer token
#
# `scripts/batch-pipeline.sh --help` lists every option (README, "Batch runs").
set -euo pipefail
command -v java >/dev/null 2>&1 || { echo "batch-pipeline: java (17 or newer) is needed on PATH" >&2; exit 2; }
exec java "$(dirname "$0")/BatchPipeline.java" "$@"
