#!/usr/bin/env bash
# The project's test command (`npm test` → `deno task test`): a type check of the whole code base, every test under
# tests/ (the notebooks end to end when ../shared/data is present), then the plain summary line CI reads:
# `N passed, N failed, N skipped`.
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Type-check once up front; `deno test --no-check` then does not re-check every worker it starts (seconds each).
check_failed=0
if ! deno check lib/ cli/ tests/ bench/; then
  echo "type check FAILED" >&2
  check_failed=1
fi

deno test -A --no-check "$@" tests/ 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

summary=$(grep -E '^(ok|FAILED) \| [0-9]+ passed' "$log" | tail -n 1)
num() { echo "$summary" | grep -oE "[0-9]+ $1" | head -n 1 | grep -oE '^[0-9]+' || echo 0; }
if [ -z "$summary" ]; then
  echo "deno test ended without a summary (exit code $rc): counted as one failure" >&2
  echo "$(( 1 - check_failed )) passed, $(( 1 + check_failed )) failed"
  exit 1
fi
passed=$(( $(num passed) + 1 - check_failed ))
failed=$(( $(num failed) + check_failed ))
echo "$passed passed, $failed failed, $(num ignored) skipped"
[ "$rc" -eq 0 ] && [ "$check_failed" -eq 0 ]
