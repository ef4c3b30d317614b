#!/bin/sh
# Exports a branch tip (committed state only) to /tmp/adv/<branch>-<sha> for attacking, with this
# checkout's node_modules linked in: bench/adversarial/export.sh <branch>  -> prints the directory.
set -eu
HERE="$(cd "$(dirname "$0")/../.." && pwd)"
SHA="$(git -C "$HERE" rev-parse --short "$1")"
DIR="/tmp/adv/$1-$SHA"
if [ ! -d "$DIR" ]; then
	mkdir -p "$DIR"
	git -C "$HERE" archive "$SHA" | tar -x -C "$DIR"
	ln -s "$HERE/node_modules" "$DIR/node_modules"
fi
echo "$DIR"
