#!/bin/sh
# Drift test: regenerates every gorts table from the installed toolchains
# into a temporary directory and fails if any differs from the committed one.
# usage: gorts/drift.sh BUILD_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
GORTS_OUT=$tmp/out sh "$here/gen.sh" "$1" >/dev/null
status=0
for f in "$tmp"/out/*.h; do
	name=$(basename "$f")
	if ! diff -u "$here/$name" "$f"; then
		echo "drift: gorts/$name differs from what the installed toolchain gives (run gorts/gen.sh)"
		status=1
	fi
done
n=$(ls "$tmp"/out/*.h | wc -l)
[ "$n" -ge 17 ] || { echo "drift: only $n tables generated"; status=1; }
[ $status -eq 0 ] && echo "drift: $n tables identical to the committed ones"
exit $status
