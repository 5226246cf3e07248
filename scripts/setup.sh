#!/usr/bin/env bash
# Installs everything gomortem needs to build and test on a Debian (bookworm) machine:
#   - build dependencies (bookworm), and what the package and completion tests
#     use (debhelper, lintian, man-db),
#   - every supported Go toolchain (golang-1.XX-go) from the suite that packages it,
#   - delve and panicparse (comparison tools, from sid),
#   - qemu-user (runs GOARCH=arm64 builds: the arm64 core tests, tests/arm64test.py)
#     and the aarch64 cross compiler and libc, and the arm64 builds of the
#     libraries gomortem links (dpkg multiarch): gomortem cross-built for arm64,
#     its unit tests under qemu-user (scripts/cross-arm64.sh).
# The extra suites are added with the same URIs: and Signed-By: as the machine's own
# Debian entry, and pinned at priority 100 so nothing already installed is upgraded.
# Idempotent: safe to run again.
#   scripts/setup.sh          everything (build deps, Go toolchains, delve, panicparse)
#   scripts/setup.sh build    only what building gomortem needs (no Go toolchain)
set -euo pipefail
MODE=${1:-all}

SRC=/etc/apt/sources.list.d/debian.sources
EXTRA=/etc/apt/sources.list.d/gomortem-extra.sources
PIN=/etc/apt/preferences.d/gomortem-extra
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

export DEBIAN_FRONTEND=noninteractive
APT="$SUDO apt-get -o Acquire::Retries=3 -y -q --no-install-recommends"
BUILD_PKGS="cmake make gcc clang libclang-rt-14-dev binutils pkg-config libelf-dev libdwarf-dev libunwind-dev libzstd-dev liblz4-dev liblzma-dev zlib1g-dev libcmocka-dev zstd lz4 xz-utils gdb python3 groff-base"
# the tests of the Debian package, the manual and the shell completion
# (tests/debpkgtest.py, tests/completiontest.py); qemu-user and the aarch64
# cross toolchain for the arm64 tests (tests/arm64test.py)
TEST_PKGS="debhelper lintian dpkg-dev man-db bash qemu-user gcc-aarch64-linux-gnu libc6-dev-arm64-cross"
missing_build=""
for p in $BUILD_PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing_build="$missing_build $p"; done
missing_test=""
for p in $TEST_PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing_test="$missing_test $p"; done
if [ "$MODE" = build ]; then
  if [ -n "$missing_build" ]; then
    $SUDO apt-get -q update -o Acquire::Retries=3 >/dev/null
    $APT install $missing_build >/dev/null
  fi
  echo "setup: build dependencies ok"
  exit 0
fi

if [ ! -f "$EXTRA" ]; then
  # The first stanza of the machine's own entry (the main archive, not security).
  uris=$(awk '/^URIs:/{print; exit}' "$SRC")
  signed=$(awk '/^Signed-By:/{print; exit}' "$SRC")
  if [ -z "$uris" ] || [ -z "$signed" ]; then
    echo "setup: cannot read URIs:/Signed-By: from $SRC" >&2
    exit 2
  fi
  tmp=$(mktemp)
  for suite in bookworm-backports trixie trixie-backports sid; do
    printf 'Types: deb\n%s\nSuites: %s\nComponents: main\n%s\n\n' "$uris" "$suite" "$signed" >>"$tmp"
  done
  $SUDO install -m 0644 "$tmp" "$EXTRA"
  rm -f "$tmp"
  pin=$(mktemp)
  for suite in bookworm-backports trixie trixie-backports sid; do
    printf 'Package: *\nPin: release n=%s\nPin-Priority: 100\n\n' "$suite" >>"$pin"
  done
  $SUDO install -m 0644 "$pin" "$PIN"
  rm -f "$pin"
fi

want_all=""
for p in golang-1.19-go golang-1.21-go golang-1.22-go golang-1.23-go golang-1.24-go golang-1.25-go golang-1.26-go golang-1.27-go delve panicparse webhook; do
  dpkg -s "$p" >/dev/null 2>&1 || want_all="$want_all $p"
done
for p in libelf-dev libcmocka-dev libunwind-dev; do
  dpkg -s "$p:arm64" >/dev/null 2>&1 || want_all="$want_all $p:arm64"
done
if [ -z "$missing_build" ] && [ -z "$missing_test" ] && [ -z "$want_all" ] && [ -x /opt/gomortem-test/webhook-sid/usr/bin/webhook ]; then
  echo "setup: ok (everything already installed)"
  exit 0
fi
$SUDO apt-get -q update -o Acquire::Retries=3 >/dev/null
[ -n "$missing_build" ] && $APT install $missing_build >/dev/null
[ -n "$missing_test" ] && $APT install $missing_test >/dev/null

want() { dpkg -s "$1" >/dev/null 2>&1 || echo "$1"; }
install_from() { # suite pkg...
  local suite=$1; shift
  local missing=()
  for p in "$@"; do [ -n "$(want "$p")" ] && missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$suite" = bookworm ]; then $APT install "${missing[@]}" >/dev/null
  else $APT -t "$suite" install "${missing[@]}" >/dev/null; fi
}
install_from bookworm golang-1.19-go
install_from bookworm-backports golang-1.21-go golang-1.22-go golang-1.23-go
install_from trixie golang-1.24-go
install_from trixie-backports golang-1.25-go golang-1.27-go
install_from sid golang-1.26-go
# Real, stripped, Debian-built Go programs that are not ours (tests/realworld.py):
# webhook from bookworm (built with Go 1.19) installed, and sid's build (Go 1.26)
# unpacked beside it (one package cannot be installed twice).
install_from bookworm webhook
REALWORLD=/opt/gomortem-test
if [ ! -x "$REALWORLD/webhook-sid/usr/bin/webhook" ]; then
  tmpd=$(mktemp -d)
  (cd "$tmpd" && apt-get -q download -t sid webhook >/dev/null 2>&1) || true
  if ls "$tmpd"/webhook_*.deb >/dev/null 2>&1; then
    $SUDO mkdir -p "$REALWORLD/webhook-sid"
    $SUDO dpkg-deb -x "$tmpd"/webhook_*.deb "$REALWORLD/webhook-sid"
  else
    echo "setup: could not download sid's webhook" >&2
  fi
  rm -rf "$tmpd"
fi
# gomortem cross-built for linux/arm64 (scripts/cross-arm64.sh, docs/arm64.md):
# the arm64 builds of the libraries it links (Debian multiarch, the same
# bookworm versions as the amd64 ones); libc6:arm64 is also the C library
# qemu-user runs the arm64 cgo test programs with (no -L prefix: docs/arm64.md).
CROSS_PKGS="libc6 libelf-dev libdwarf-dev libzstd-dev zlib1g-dev liblz4-dev liblzma-dev libunwind-dev libcmocka-dev"
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  $SUDO dpkg --add-architecture arm64
  $SUDO apt-get -q update -o Acquire::Retries=3 >/dev/null ||
    echo "setup: apt-get update with arm64 added failed (no cross build of gomortem)" >&2
fi
missing_cross=()
for p in $CROSS_PKGS; do dpkg -s "$p:arm64" >/dev/null 2>&1 || missing_cross+=("$p:arm64"); done
if [ ${#missing_cross[@]} -gt 0 ]; then
  $APT install "${missing_cross[@]}" >/dev/null || echo "setup: the arm64 libraries could not be installed (no cross build of gomortem)" >&2
fi
# Comparison tools (optional for the tests, used by benchmarks and interop tests).
install_from sid delve || echo "setup: delve could not be installed (benchmarks will skip Delve)" >&2
install_from sid panicparse || echo "setup: panicparse could not be installed" >&2
echo "setup: ok"
