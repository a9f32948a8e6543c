#!/usr/bin/env bash
# Makes sure Debian's Jupyter (nbclient, jupyter-client, nbconvert) is installed; the notebook runner
# uses /usr/bin/python3 because the python3 first on PATH may be a build without Debian's modules.
set -euo pipefail
if /usr/bin/python3 -c "import nbclient, jupyter_client, nbformat" 2>/dev/null; then
  exit 0
fi
echo "ptmscope: installing Debian's Jupyter packages (jupyter-nbconvert python3-nbclient jupyter-client) ..." >&2
sudo=""
if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y -q --no-install-recommends jupyter-nbconvert python3-nbclient jupyter-client >/dev/null; then
  $sudo apt-get update -q >/dev/null
  $sudo apt-get install -y -q --no-install-recommends jupyter-nbconvert python3-nbclient jupyter-client >/dev/null
fi
