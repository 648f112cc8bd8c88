#!/usr/bin/env bash
# Runs the compose stack (broker, processor, a replay of a generated clip, Prometheus) and checks
# that Prometheus scrapes the processor and sees it segment: resolute_frames_in_total and
# resolute_masks_out_total above zero through Prometheus's own query API. Fails loudly (exit 1,
# the services' logs) otherwise; takes the stack down either way. Grafana is left out: it is not
# in Debian, and needs an image of your own (the compose file's "grafana" profile).
#   deploy/compose/smoke-test.sh      (needs docker-compose and the images resolute-cpu:latest and
#                                      resolute/prometheus:bookworm; see deploy/README.md)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="resolute-smoke-$$"
compose=(docker-compose -p "$project" -f "$here/compose.yaml")
clips="$(mktemp -d)"
# the image runs as an unprivileged user: it writes the clip here
chmod 0777 "$clips"
export CLIPS="$clips"

fail() {
  echo "COMPOSE SMOKE TEST FAILED: $*" >&2
  "${compose[@]}" logs --tail 30 >&2 2>&1 || true
  exit 1
}
cleanup() {
  "${compose[@]}" down -v >/dev/null 2>&1 || true
  rm -rf "$clips"
}
trap cleanup EXIT

command -v docker-compose >/dev/null || fail "no docker-compose (Debian: apt-get install docker-compose)"
for image in resolute-cpu:latest resolute/prometheus:bookworm; do
  docker image inspect "$image" >/dev/null 2>&1 || fail "no image $image: build it first (see deploy/README.md)"
done
# the stack runs on the host's network, as on one machine: its ports must be free
for port in 9092 9464 9090; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    fail "port $port is taken on this machine; the stack needs 9092 (broker), 9464 (metrics) and 9090 (Prometheus)"
  fi
done

start=$SECONDS
docker run --rm -v "$clips:/work" resolute-cpu:latest corpus --clip MJPEG_AVI --out /work >/dev/null \
  || fail "the image could not generate a clip"
"${compose[@]}" up -d broker processor replay prometheus

# One number from Prometheus: the value of an instant query, or nothing while it has none.
query() {
  curl -fsS --max-time 5 "http://127.0.0.1:9090/api/v1/query" --data-urlencode "query=$1" 2>/dev/null \
    | grep -oE '"value":\[[0-9.]+,"[0-9.e+-]+"\]' | head -n 1 | sed -E 's/.*,"([^"]+)"\]/\1/'
}

frames="" masks=""
for ((i = 0; i < 240; i += 5)); do
  frames="$(query 'sum(resolute_frames_in_total{job="resolute"})' || true)"
  masks="$(query 'sum(resolute_masks_out_total{job="resolute"})' || true)"
  if [[ -n "$frames" && -n "$masks" ]] && awk -v f="$frames" -v m="$masks" 'BEGIN { exit !(f > 0 && m > 0) }'; then
    break
  fi
  sleep 5
done
[[ -n "$frames" && -n "$masks" ]] || fail "Prometheus has no resolute_frames_in_total or resolute_masks_out_total after 240 s"
awk -v f="$frames" -v m="$masks" 'BEGIN { exit !(f > 0 && m > 0) }' \
  || fail "Prometheus sees $frames frames in and $masks masks out: the processor segmented nothing"
[[ "$(query 'up{job="resolute"}')" == 1 ]] || fail "Prometheus's target for the processor is not up"
series="$(curl -fsS --max-time 5 "http://127.0.0.1:9090/api/v1/label/__name__/values" | grep -oE '"resolute_[a-z_]+"' | wc -l)"
echo "compose smoke test passed in $((SECONDS - start)) s: Prometheus scraped $series resolute_ series;" \
  "$frames frames in, $masks masks out so far"
