#!/usr/bin/env bash
# Makes the Debian base image the Resolute images build FROM, without pulling from any registry:
# debootstrap a minimal bookworm from this machine's own apt mirror (read from its apt sources),
# then docker import it. Needs root, debootstrap and a running Docker engine.
set -euo pipefail
image="${1:-resolute/debian:bookworm}"
mirror="$(grep -rhoE '^(deb|URIs:) +\[?[^]]*\]? *https?://[^ ]+' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
  | grep -oE 'https?://[^ ]+' | grep -v security | head -1)"
if [[ -z "$mirror" ]]; then
  echo "error: no Debian mirror found in /etc/apt/sources.list*: pass one as MIRROR=..." >&2
  exit 2
fi
mirror="${MIRROR:-$mirror}"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
echo "debootstrap bookworm from $mirror into $root..." >&2
debootstrap --variant=minbase bookworm "$root" "$mirror" >/dev/null
tar -C "$root" -c . | docker import - "$image" >/dev/null
echo "$image"
