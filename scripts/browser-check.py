#!/usr/bin/env python3
"""Opens rendered pages in headless Chromium and checks what a reader would see.

For each page: every math span was typeset by KaTeX (no `katex-error`), every resource the page
loaded came from the output folder (file://), and no file of the site references a network address.
Usage: browser-check.py OUTPUT_DIR PAGE.html [PAGE.html ...]   (exit 0 ok, 1 a check failed)
"""
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile

PROBE = """<script>
window.addEventListener("load", function () {
  setTimeout(function () {
    var out = document.createElement("pre");
    out.id = "mixdown-probe";
    var math = document.querySelectorAll("span.math");
    var typeset = document.querySelectorAll("span.math .katex");
    var errors = document.querySelectorAll(".katex-error");
    var resources = performance.getEntriesByType("resource").map(function (e) { return e.name; });
    out.textContent = JSON.stringify({math: math.length, typeset: typeset.length,
                                      errors: errors.length, resources: resources,
                                      fonts: document.fonts.size});
    document.body.appendChild(out);
  }, 500);
});
</script>"""

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-domain-reliability",
    "--host-resolver-rules=MAP * ~NOTFOUND",   # nothing can leave the machine even if asked to
    "--virtual-time-budget=10000", "--allow-file-access-from-files",
]

NETWORK = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""", re.I)


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("browser-check: chromium is not installed (run `make deps`)")


def static_scan(out_dir):
    problems = []
    for root, _, files in os.walk(out_dir):
        for f in files:
            if f.endswith((".html", ".css", ".svg", ".js")) and not root.endswith("katex"):
                path = os.path.join(root, f)
                text = open(path, encoding="utf-8", errors="replace").read()
                for m in NETWORK.finditer(text):
                    problems.append(f"{path}: references a network address: {text[m.start():m.start()+60]!r}")
    return problems


def check_page(out_dir, page, browser):
    import json
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        site = os.path.join(tmp, "site")
        shutil.copytree(out_dir, site)
        path = os.path.join(site, page)
        text = open(path, encoding="utf-8").read()
        open(path, "w", encoding="utf-8").write(text.replace("</body>", PROBE + "</body>"))
        profile = os.path.join(tmp, "profile")
        result = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom",
                                 "file://" + path], capture_output=True, text=True, timeout=120)
        m = re.search(r'<pre id="mixdown-probe">(.*?)</pre>', result.stdout, re.S)
        if not m:
            return [f"{page}: the page did not finish loading in Chromium"]
        probe = json.loads(html.unescape(m.group(1)))
        if probe["math"] == 0:
            problems.append(f"{page}: no math spans found")
        if probe["typeset"] != probe["math"]:
            problems.append(f"{page}: {probe['math']} math spans, only {probe['typeset']} typeset by KaTeX")
        if probe["errors"]:
            problems.append(f"{page}: {probe['errors']} KaTeX errors (class katex-error)")
        outside = [r for r in probe["resources"] if not r.startswith("file://")]
        if outside:
            problems.append(f"{page}: loaded resources from outside the site: {outside}")
        print(f"browser-check: {page}: {probe['typeset']}/{probe['math']} formulas typeset, "
              f"{len(probe['resources'])} resources, all local" if not problems else f"browser-check: {page}: FAILED")
    return problems


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out_dir, pages = sys.argv[1], sys.argv[2:]
    browser = chromium()
    problems = static_scan(out_dir)
    for page in pages:
        problems += check_page(out_dir, page, browser)
    for p in problems:
        print("browser-check: " + p, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
