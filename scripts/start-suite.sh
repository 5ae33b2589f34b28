#!/usr/bin/env bash
# Starts the whole suite on this machine: render, ISM, PEM and main-server, with the development settings
# (config_dev.env: embedded H2 database, localhost URLs) and the demo object in static/meshes/test/.
# Builds the jars first when they are missing or older than the sources. Stop with scripts/stop-suite.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SERVERS=(render-server ism-server pem-server main-server)
declare -A PORTS=([main-server]=${MAIN_SERVER_PORT:-8001} [ism-server]=${ISM_SERVER_PORT:-8002}
                  [pem-server]=${PEM_SERVER_PORT:-8003} [render-server]=${RENDER_SERVER_PORT:-8004})
declare -A HEAP=([main-server]=1g [ism-server]=3g [pem-server]=3g [render-server]=2g)
export SAM6D_ENV=${SAM6D_ENV:-dev}
export SAM6D_HOME=$ROOT
mkdir -p run

needs_build=false
for s in "${SERVERS[@]}"; do
  jar=$s/target/$s.jar
  if [ ! -f "$jar" ] || [ -n "$(find . -path ./run -prune -o \( -name '*.java' -o -name '*.yml' -o -name 'pom.xml' \) -newer "$jar" -print -quit)" ]; then
    needs_build=true
  fi
done
if $needs_build; then
  echo "building the suite (mvn package, tests skipped) ..."
  mvn -B -q -DskipTests package
fi

for s in "${SERVERS[@]}"; do
  if [ -f run/$s.pid ] && kill -0 "$(cat run/$s.pid)" 2>/dev/null; then
    echo "$s already running (pid $(cat run/$s.pid))"
    continue
  fi
  nohup java -Xmx${HEAP[$s]} -jar $s/target/$s.jar > run/$s.out 2>&1 &
  echo $! > run/$s.pid
  echo "started $s (pid $!, port ${PORTS[$s]}, console in run/$s.out, logs in logs/$s/)"
done

deadline=$((SECONDS + ${START_TIMEOUT_S:-120}))
for s in "${SERVERS[@]}"; do
  url=http://localhost:${PORTS[$s]}/actuator/health
  until curl -fs "$url" 2>/dev/null | grep -q '"status":"UP"'; do
    if ! kill -0 "$(cat run/$s.pid)" 2>/dev/null; then
      echo "$s exited; last lines of run/$s.out:" >&2; tail -20 run/$s.out >&2; exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then echo "$s not healthy after ${START_TIMEOUT_S:-120}s ($url)" >&2; exit 1; fi
    sleep 1
  done
  echo "$s is UP on http://localhost:${PORTS[$s]}  (Swagger UI: /swagger-ui.html)"
done
echo
echo "objects: curl http://localhost:${PORTS[main-server]}/api/v1/objects/classes"
