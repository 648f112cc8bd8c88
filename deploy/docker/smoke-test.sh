#!/usr/bin/env bash
# Smoke test of a built Resolute image: its own broker, its processor and a load test of a clip it
# generates itself, in three containers, checked end to end. Fails loudly (exit 1, the containers'
# logs) when any frame lacks its cost record or mask, anything is dead-lettered, or the
# processor's metrics disagree with what the reader saw.
#   deploy/docker/smoke-test.sh [IMAGE]     (default resolute-cpu:latest)
# The broker runs in a container without a network: the processor and the load test join its
# network namespace, so they reach it on loopback as on one machine, and nothing listens on the host.
set -euo pipefail
image="${1:-resolute-cpu:latest}"
run_id="resolute-smoke-$$"
broker="$run_id-broker"
processor="$run_id-processor"
work="$(mktemp -d)"
# the image runs as an unprivileged user: it writes the clip and the report here
chmod 0777 "$work"

logs() {
  for container in "$broker" "$processor"; do
    docker inspect "$container" >/dev/null 2>&1 || continue
    echo "--- last lines of $container:" >&2
    docker logs --tail 40 "$container" >&2 2>&1 || true
  done
}
fail() {
  echo "SMOKE TEST FAILED ($image): $*" >&2
  logs
  exit 1
}
cleanup() {
  docker rm -f -v "$processor" "$broker" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# Waits until the container's log says $2, or fails after $3 seconds (or when the container stops).
await_log() {
  local container="$1" line="$2" seconds="$3"
  for ((i = 0; i < seconds; i++)); do
    docker logs "$container" 2>&1 | grep -qF "$line" && return 0
    [[ "$(docker inspect -f '{{.State.Running}}' "$container" 2>/dev/null)" == true ]] \
      || fail "$container stopped before it said '$line'"
    sleep 1
  done
  fail "$container did not say '$line' within $seconds s"
}

# One field of summary.json (a whole number).
field() {
  local value
  value="$(grep -oE "\"$1\" *: *[0-9]+" "$work/report/summary.json" | grep -oE '[0-9]+$')" \
    || fail "summary.json has no $1"
  echo "$value"
}

# The sum of one counter over its labels, as the processor serves it. The image has no HTTP client:
# bash opens the connection itself, inside the processor's container.
counter() {
  docker exec "$processor" bash -c 'exec 3<>/dev/tcp/127.0.0.1/9464
    printf "GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3; cat <&3' \
    | awk -v name="$1" '$1 ~ "^" name "([{]|$)" { sum += $NF } END { printf "%d\n", sum }'
}

start=$SECONDS
echo "smoke test of $image"
docker image inspect "$image" >/dev/null 2>&1 || fail "no image $image: build it first (see deploy/README.md)"

docker run -d --name "$broker" --network none "$image" broker --data-dir /tmp/kafka --port 9092 >/dev/null
await_log "$broker" "Kafka broker up" 120
# fixed policy at full resolution: every frame must get a mask, none is skipped by a stride
docker run -d --name "$processor" --network "container:$broker" "$image" \
  run --bootstrap-servers 127.0.0.1:9092 --instance-id smoke-1 --policy fixed --level 0 >/dev/null
await_log "$processor" "processing;" 120
echo "broker and processor up after $((SECONDS - start)) s"

docker run --rm -v "$work:/work" "$image" corpus --clip MJPEG_AVI --out /work/clips >/dev/null \
  || fail "the image could not generate its clip"
# the load test reads cost records, masks and dead letters under read_committed; it exits non-zero
# when it segmented nothing or dead-lettered anything
timeout 300 docker run --rm --network "container:$broker" -v "$work:/work" "$image" \
  loadtest --bootstrap-servers 127.0.0.1:9092 --source /work/clips/mjpeg.avi --duration 10 --out /work/report \
  || fail "the load test against the processor container failed (exit $?)"

frames="$(field framesIn)"
masks="$(field masks)"
skipped="$(field framesSkipped)"
letters="$(field deadLetterFrames)"
(( frames > 0 )) || fail "no frames were replayed"
(( masks == frames && skipped == 0 )) || fail "$frames frames in, but $masks masks and $skipped skipped"
(( letters == 0 )) || fail "$letters frames dead-lettered"
served_in="$(counter resolute_frames_in_total)"
served_masks="$(counter resolute_masks_out_total)"
(( served_in == frames && served_masks == frames )) \
  || fail "the processor's metrics say $served_in frames in and $served_masks masks out; the reader saw $frames"
[[ "$(docker inspect -f '{{.State.Running}}' "$processor")" == true ]] || fail "the processor container stopped"
echo "smoke test passed in $((SECONDS - start)) s: $frames frames, $masks masks and cost records, 0 dead letters, metrics agree"
