#!/bin/sh
# Runs every attack against one checkout: bench/adversarial/run.sh [/work/wt/<name>] [--verbose]
# Findings go to stdout and bench/out/adversarial/<attack>-<checkout>.json.
set -u
ROOT="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"
[ $# -gt 0 ] && shift
HERE="$(cd "$(dirname "$0")" && pwd)"
status=0
for attack in suppression optout identity values numerics templates holdout warehouse filemode rfmsql scopes; do
	npx tsx "$HERE/$attack.ts" --root "$ROOT" "$@" || status=1
done
exit $status
