#!/usr/bin/env bash
# The project's test command (`npm test` → `deno task test`): every test under tests/, the notebooks end to end
# when ../shared/data is present, then the plain summary line CI reads: `N passed, N failed, N skipped`.
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT

deno test -A --quiet "$@" tests/ 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

summary=$(grep -E '^(ok|FAILED) \| [0-9]+ passed' "$log" | tail -n 1)
num() { echo "$summary" | grep -oE "[0-9]+ $1" | head -n 1 | grep -oE '^[0-9]+' || echo 0; }
if [ -z "$summary" ]; then
  echo "deno test ended without a summary (exit code $rc): counted as one failure" >&2
  echo "0 passed, 1 failed"
  exit $(( rc == 0 ? 1 : rc ))
fi
echo "$(num passed) passed, $(num failed) failed, $(num ignored) skipped"
exit "$rc"
