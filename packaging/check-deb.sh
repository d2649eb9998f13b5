#!/usr/bin/env bash
# Installs a bnlab .deb in a fresh Debian 12 (debootstrap, minimal variant) and runs it there:
# `bnlab --version` from the PATH, and a headless run of a preset that exports every chart.
# Needs root and network access to a Debian mirror; takes a few minutes.
#   packaging/check-deb.sh build-package/bnlab_0.1.0_amd64.deb
set -euo pipefail
deb="$(realpath "${1:?usage: packaging/check-deb.sh path/to/bnlab_*.deb}")"
if ((EUID != 0)); then
  echo "error: run as root (debootstrap and chroot)" >&2
  exit 1
fi
command -v debootstrap >/dev/null || apt-get install -y debootstrap
root="$(mktemp -d /tmp/bnlab-deb-check.XXXXXX)"
cleanup() {
  umount "$root/proc" 2>/dev/null || true
  rm -rf "$root"
}
trap cleanup EXIT

echo "== a minimal Debian 12 in $root ==" >&2
debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >&2
mount --bind /proc "$root/proc"
cp "$deb" "$root/tmp/"
echo "== apt install ./$(basename "$deb") ==" >&2
chroot "$root" bash -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq /tmp/$(basename "$deb")" >&2
chroot "$root" bash -ec '
  cd /tmp
  command -v bnlab
  bnlab --version
  QT_QPA_PLATFORM=offscreen bnlab --headless --preset "Covariate shift inside" --steps 300 \
    --export /tmp/out --quiet
  test -s /tmp/out/dashboard.png
  test -f /usr/share/applications/org.bnlab.BatchNormLab.desktop
  test -f /usr/share/metainfo/org.bnlab.BatchNormLab.metainfo.xml
  echo "installed and ran: $(ls /tmp/out | wc -l) files exported"'
