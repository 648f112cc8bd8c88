#!/usr/bin/env bash
# What the tests need on a fresh Debian/Ubuntu machine, installed when it is missing: run by
# './resolute test' (and so by .ci/run) before 'mvn verify'. Docker is started where it can be;
# where it cannot, the integration tests run their broker in-process (embedded KRaft) and say so.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

SUDO=""
if [[ "$(id -u)" != 0 ]]; then
  command -v sudo >/dev/null || { echo "error: installing test prerequisites needs root or sudo" >&2; exit 2; }
  SUDO="sudo"
fi

install() {
  echo "installing what the tests need: $*" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" > /dev/null
}

missing=()
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
# JavaCV's FFmpeg loads libavdevice, which links libpulse.so.0
# (matched in the shell: "ldconfig -p | grep -q" fails now and then under pipefail when grep exits first)
[[ "$(ldconfig -p)" == *libpulse.so.0* ]] || missing+=(libpulse0)
# LiveCameraIngestIT runs a real RTSP server: GStreamer's rtsp-server through Debian's Python
if ! /usr/bin/python3 -c "import gi; gi.require_version('GstRtspServer', '1.0'); gi.require_version('Gst', '1.0'); from gi.repository import Gst; Gst.init(None); assert Gst.ElementFactory.find('x264enc')" 2>/dev/null; then
  missing+=(python3-gi gir1.2-gstreamer-1.0 gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly)
fi
# FormatCorpus writes its B-frame H.264 clip through gst-launch-1.0 (x264enc, rawvideoparse, mp4mux)
command -v gst-launch-1.0 >/dev/null 2>&1 || missing+=(gstreamer1.0-tools)
# The HLS and MPEG-TS-over-HTTP test servers mux with mpegtsmux and segment with hlssink2
if ! /usr/bin/python3 -c "import gi; gi.require_version('Gst', '1.0'); from gi.repository import Gst; Gst.init(None); assert Gst.ElementFactory.find('hlssink2') and Gst.ElementFactory.find('mpegtsmux')" 2>/dev/null; then
  missing+=(python3-gi gir1.2-gstreamer-1.0 gstreamer1.0-plugins-bad)
fi
# LiveViewerIT looks at the live viewer's page in headless Chromium
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# ConsumerGuideIT runs the consumer guide's Python example with Debian's Kafka and Avro modules
/usr/bin/python3 -c "import confluent_kafka, avro.schema" 2>/dev/null || missing+=(python3-confluent-kafka python3-avro)
if (( ${#missing[@]} > 0 )); then
  install "${missing[@]}"
fi

# Docker: the integration tests run their broker in a container built here (nothing is pulled from a
# registry: every image builds FROM a Debian base made once with debootstrap from apt's own mirror)
docker_missing=()
# the engine, not only a client: some images carry a docker client with no dockerd beside it
command -v dockerd >/dev/null 2>&1 || docker_missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || docker_missing+=(debootstrap)
command -v docker-compose >/dev/null 2>&1 || docker_missing+=(docker-compose)
if (( ${#docker_missing[@]} > 0 )); then
  install "${docker_missing[@]}" || echo "warning: could not install ${docker_missing[*]}" >&2
fi
docker_up() { command -v docker >/dev/null 2>&1 && $SUDO docker info >/dev/null 2>&1; }
if command -v dockerd >/dev/null 2>&1 && ! docker_up; then
  dockerd_log="$(mktemp -t resolute-dockerd.XXXXXX.log)"
  echo "no Docker engine answers: starting dockerd (log in $dockerd_log)" >&2
  $SUDO sh -c 'nohup dockerd >"$1" 2>&1 &' sh "$dockerd_log"
  for _ in $(seq 60); do
    docker_up && break
    sleep 1
  done
  docker_up || { echo "warning: dockerd did not answer within 60 s; last lines of $dockerd_log:" >&2; tail -n 20 "$dockerd_log" >&2; }
fi
if docker_up; then
  $SUDO docker image inspect resolute/debian:bookworm >/dev/null 2>&1 || $SUDO bash "$root/deploy/docker/build-base-image.sh"
else
  echo "warning: no Docker here: the integration tests run their broker in-process (embedded KRaft) instead" >&2
fi
