#!/usr/bin/env bash
# Installs the Debian packages Mixdown needs, only those that are missing.
# Idempotent; safe to run as root with no prompt (CI runs it on a clean machine).
set -euo pipefail

packages=(
  pkg-config
  libcmark-gfm-dev libcmark-gfm-extensions-dev   # Markdown (GFM)
  liblapacke-dev libopenblas-dev                 # dense linear algebra
  libnlopt-dev                                   # optimisation (BOBYQA)
  libboost-math-dev                              # distribution functions
  libjs-katex fonts-katex                        # math typesetting, copied into output/assets
  libjs-lunr                                     # client-side search, copied into output/assets
  pandoc                                         # citeproc: citations and reference lists
  chromium                                       # headless browser test of the rendered page
)
if [ "${MIXDOWN_NO_BROWSER:-}" = 1 ]; then
  packages=("${packages[@]/chromium}")
fi

# Playwright (PyPI) drives the Debian Chromium in scripts/browser-check.py and
# browser-site-check.py; it needs no browser download of its own. axe-playwright-python brings
# axe-core for the accessibility check.
for py in playwright axe-playwright-python; do
  if [ "${MIXDOWN_NO_BROWSER:-}" != 1 ] && ! python3 -m pip show --quiet "$py" >/dev/null 2>&1; then
    echo "install-deps: installing $py (pip)" >&2
    python3 -m pip install --quiet "$py" 2>/dev/null \
      || python3 -m pip install --quiet --break-system-packages "$py"
  fi
done

missing=()
for p in "${packages[@]}"; do
  [ -n "$p" ] || continue
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
