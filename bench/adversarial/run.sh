#!/bin/sh
# Runs every attack against one checkout: bench/adversarial/run.sh [/work/wt/<name>] [--verbose]
# Findings go to stdout and bench/out/adversarial/<attack>-<checkout>.json.
set -u
ROOT="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"
[ $# -gt 0 ] && shift
HERE="$(cd "$(dirname "$0")" && pwd)"
status=0
for attack in suppression optout identity values numerics templates holdout warehouse filemode rfmsql scopes; do
	# The harness's own tsconfig: tsx then loads fast-png's index.js (not its .d.ts) in every tree.
	npx tsx --tsconfig "$HERE/tsconfig.json" "$HERE/$attack.ts" --root "$ROOT" "$@" || status=1
done
exit $status
