#!/usr/bin/env bash
# Accessibility check (axe-core, WCAG 2.0/2.1/2.2 A and AA) of a running Loa server's
# public pages in headless Chromium; fails on any serious or critical violation.
#   scripts/ci/a11y.sh http://127.0.0.1:PORT
# Env: LOA_A11Y_VENV  Python venv to create or reuse (default /tmp/loa-a11y-venv).
# Installs what is missing first, since a new machine has none of it: Debian's
# chromium and chromium-driver (no browser download: only Debian's packages and PyPI
# are reachable), then selenium and axe-selenium-python (which bundles axe-core) from PyPI.
set -euo pipefail  # any failed step, unset variable or broken pipe fails the check

base=${1:?usage: $0 BASE_URL}
here=$(cd "$(dirname "$0")" && pwd)
venv=${LOA_A11Y_VENV:-/tmp/loa-a11y-venv}

# Debian's browser and its matching driver; apt-get update only when something is
# missing (a fresh machine has no package lists), so a warm machine skips apt entirely.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "a11y: installing chromium and chromium-driver (apt)"
  export DEBIAN_FRONTEND=noninteractive  # no prompts: CI has no standard input
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# A venv of our own: the system/pyenv Python stays untouched and a rerun reuses it.
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
# Import check first so a warm venv costs no PyPI round trip. axe-selenium-python 3.0.0
# declares Requires-Python >=3.12 but runs fine on Debian 12's 3.11 (we only read its
# bundled axe.min.js), hence --ignore-requires-python.
if ! "$venv/bin/python" -c 'import selenium, axe_selenium_python' 2>/dev/null; then
  echo "a11y: installing selenium and axe-selenium-python into $venv (pip)"
  "$venv/bin/pip" install -q --disable-pip-version-check --ignore-requires-python \
    axe-selenium-python==3.0.0 selenium
fi

# --best-practice adds axe's landmark/heading/region rules on top of the WCAG tags;
# most are "moderate" (reported, not failing), the few serious ones fail like WCAG ones.
# timeout: the whole step must stay bounded even if Chromium hangs (a11y.py itself
# gives up after 150 s between pages).
exec timeout 175 "$venv/bin/python" "$here/a11y.py" --base "$base" --best-practice
