#!/usr/bin/env bash
# Entry point of the README's two commands (`npm run reproduce`, `npm test`): installs whatever is missing
# (npm packages with Deno, Debian's Jupyter packages, the Deno kernel), then runs the deno task of that name.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.ptmscope-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "ptmscope: installing npm packages (npm ci) ..." >&2
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
export PATH="$PWD/node_modules/@deno/linux-x64-glibc:$PATH"
export NO_COLOR=1

bash scripts/setup_jupyter.sh
exec deno task "$@"
