#!/usr/bin/env bash
# What this project needs from the machine beyond npm packages, in one place: `npm test` runs it first
# (its pretest) and `.ci/run` through npm test. It installs what is missing when it can (root, apt-get),
# and otherwise stops at once with the exact command to run.
#   - Debian's chromium: the end-to-end tests (Playwright drives it; CHROMIUM_PATH may name another build)
#   - Debian's python3-torch + libopenblas0-pthread: the native trainer and its tests (/usr/bin/python3;
#     DRYRUN_PYTHON may name another python3 that has torch and numpy)
#   - Debian's python3-matplotlib: the learning-curve pictures (npm run plot:curves)
set -euo pipefail

missing=()
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] || missing+=(chromium)
python="${DRYRUN_PYTHON:-/usr/bin/python3}"
if ! "$python" -c 'import torch, numpy' >/dev/null 2>&1; then
  missing+=(python3-torch libopenblas0-pthread)
fi
# matplotlib: `npm run plot:curves` (the learning-curve pictures in docs/)
/usr/bin/python3 -c 'import matplotlib' >/dev/null 2>&1 || missing+=(python3-matplotlib)
[ ${#missing[@]} -eq 0 ] && exit 0

command="apt-get install -y ${missing[*]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "machine-setup: installing ${missing[*]} (Debian packages; a few minutes the first time)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "machine-setup: this machine lacks ${missing[*]}. Install them with:" >&2
echo "  sudo $command" >&2
exit 1
