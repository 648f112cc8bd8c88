#!/usr/bin/env bash
# Makes the Debian base image the Resolute images build FROM, without pulling from any registry:
# debootstrap a minimal bookworm from this machine's own apt mirror (read from its apt sources),
# then docker import it. Needs root, debootstrap and a running Docker engine.
set -euo pipefail
image="${1:-resolute/debian:bookworm}"
codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
# the site apt itself uses for this release's main component: other sources (language runtimes,
# cloud tools) carry no Debian release, and parsing the sources files by hand picked one of them
mirror="${MIRROR:-$(apt-get indextargets --format '$(SITE) $(RELEASE) $(COMPONENT)' 2>/dev/null \
  | awk -v rel="$codename" '$2 == rel && $3 == "main" { print $1; exit }')}"
if [[ -z "$mirror" ]]; then
  echo "error: no Debian mirror for $codename main in apt's sources (run apt-get update, or pass MIRROR=...)" >&2
  exit 2
fi
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
echo "debootstrap bookworm from $mirror into $root..." >&2
debootstrap --variant=minbase "$codename" "$root" "$mirror" >/dev/null
tar -C "$root" -c . | docker import - "$image" >/dev/null
echo "$image"
