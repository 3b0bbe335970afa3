#!/usr/bin/env bash
# Renders the chart golden files (Tests/MixdownChartsTests/Golden/*.svg) to PNG with headless
# Chromium so a person can look at them: NAME.png is the standalone SVG on a light page,
# NAME-dark.png the same SVG inlined in a dark page (prefers-color-scheme: dark).
# Usage: scripts/render-figures.sh [OUTPUT_DIR]   (default: .build-charts/figures)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
src="$root/Tests/MixdownChartsTests/Golden"
out="${1:-$root/.build-charts/figures}"
mkdir -p "$out"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "render-figures: chromium is not installed (scripts/install-deps.sh installs it)" >&2
  exit 1
fi

shopt -s nullglob
svgs=("$src"/*.svg)
if [ ${#svgs[@]} -eq 0 ]; then
  echo "render-figures: no SVG in $src (run the chart tests with MIXDOWN_UPDATE_GOLDEN=1 first)" >&2
  exit 1
fi

shoot() { # url width height png [extra flags...]
  local url=$1 w=$2 h=$3 png=$4; shift 4
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=2 \
    --window-size="$w,$h" --screenshot="$png" "$@" "$url" >/dev/null 2>&1
}

for svg in "${svgs[@]}"; do
  name=$(basename "$svg" .svg)
  w=$(grep -o -m1 '<svg [^>]*' "$svg" | sed -n 's/.* width="\([0-9.]*\)".*/\1/p')
  h=$(grep -o -m1 '<svg [^>]*' "$svg" | sed -n 's/.* height="\([0-9.]*\)".*/\1/p')
  w=${w%.*}; h=${h%.*}
  shoot "file://$svg" "$w" "$h" "$out/$name.png"
  html="$out/$name-dark.html"
  {
    printf '<!doctype html><html><head><meta charset="utf-8"><style>'
    printf 'html,body{margin:0;background:#1c1c1c;color-scheme:dark}svg{display:block}</style></head><body>'
    cat "$svg"
    printf '</body></html>\n'
  } > "$html"
  shoot "file://$html" "$w" "$h" "$out/$name-dark.png" --force-dark-mode --blink-settings=preferredColorScheme=0
  echo "$out/$name.png ($(wc -c < "$svg") bytes of SVG)"
done
