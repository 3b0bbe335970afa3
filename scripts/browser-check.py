#!/usr/bin/env python3
"""Opens every page of a built site in headless Chromium (Debian's `chromium`, driven by Playwright
from PyPI, offline) and checks what a reader gets, at 390 and 1280 px wide, in the light and the
dark theme:

- the page does not scroll sideways (no horizontal overflow);
- the table of contents fits the window or scrolls on its own, and has a replacement on phones;
- every visible figure (`svg[role=img]`) has an accessible name in Chromium's accessibility tree,
  and its `aria-labelledby` points at elements of the page;
- figure ink (axis lines, tick labels, titles) has a contrast of at least 3:1 with the page;
- axe-core (axe-playwright-python) finds no serious or critical violation;
- every math span was typeset by KaTeX (no `katex-error`), every resource the page loaded came
  from the output folder, and no file of the site references a network address.

Screenshots of the first screen (PAGE_WIDTH_THEME.png) and a measurement report (report.json)
go to SHOT_DIR when given.
Usage: browser-check.py OUTPUT_DIR [--shots SHOT_DIR] [PAGE.html ...]   (exit 0 ok, 1 a check failed)
Without pages, every .html file at the top of OUTPUT_DIR is checked.
"""
import json
import os
import re
import shutil
import sys

WIDTHS = (390, 1280)
THEMES = ("light", "dark")
NETWORK = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""", re.I)
INK_CONTRAST = 3.0
BLOCKING = ("serious", "critical")


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


def luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# What the page shows: overflow, the figures with their names and ink, math and resources.
MEASURE = """() => {
  const rgb = s => { const m = s.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return (p.length > 3 && p[3] === 0) ? null : p.slice(0, 3); };
  const background = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c) return c; }
    return rgb(getComputedStyle(document.documentElement).backgroundColor) || [255, 255, 255]; };
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden"; };
  const figures = [...document.querySelectorAll("svg[role=img]")].filter(visible).map(svg => {
    const ids = (svg.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
    const missing = ids.filter(id => !document.getElementById(id));
    const ink = [];
    svg.querySelectorAll("text, .mx-axis line, .mx-axis path, line.mx-axis, path.mx-axis, [class*=axis] line, [class*=axis] path").forEach(el => {
      const s = getComputedStyle(el); const paint = el.tagName === "text" ? s.fill : s.stroke;
      const c = rgb(paint); if (c && visible(el)) ink.push({ what: el.tagName + (el.getAttribute("class") ? "." + el.getAttribute("class").split(" ")[0] : ""), color: c,
        ink: paint === getComputedStyle(svg).color });
    });
    const fonts = [...svg.querySelectorAll("text")].filter(visible).map(t => parseFloat(getComputedStyle(t).fontSize) * (svg.getBoundingClientRect().width / (svg.viewBox.baseVal && svg.viewBox.baseVal.width || svg.getBoundingClientRect().width)));
    return { id: svg.id, ids, missing, ink, paper: background(svg), smallestText: fonts.length ? Math.min(...fonts) : null };
  });
  // The table of contents: beside the text it fits the window or scrolls on its own; on a narrow
  // screen the collapsible "On this page" takes its place.
  const toc = document.querySelector("nav.toc"), mobile = document.querySelector("details.toc-mobile");
  let tocProblem = null;
  if (toc && visible(toc)) {
    const s = getComputedStyle(toc);
    if (toc.getBoundingClientRect().height > window.innerHeight + 1 && !(/auto|scroll/.test(s.overflowY) && toc.scrollHeight > toc.clientHeight))
      tocProblem = "the table of contents is taller than the window and does not scroll";
  } else if (toc && !(mobile && visible(mobile))) {
    tocProblem = "the table of contents is hidden and nothing replaces it";
  }
  return {
    tocProblem,
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
    widest: [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className.split(" ")[0] : "")),
    figures,
    math: document.querySelectorAll("span.math").length,
    typeset: document.querySelectorAll("span.math .katex").length,
    katexErrors: document.querySelectorAll(".katex-error").length,
    resources: performance.getEntriesByType("resource").map(e => e.name),
  };
}"""


def named_images(page):
    """Names of the image nodes in Chromium's own accessibility tree (what a screen reader gets)."""
    client = page.context.new_cdp_session(page)
    try:
        tree = client.send("Accessibility.getFullAXTree")
    finally:
        client.detach()
    names = []
    for node in tree["nodes"]:
        role = node.get("role", {}).get("value", "")
        if role in ("image", "img", "graphics-document", "graphics-object") and not node.get("ignored"):
            names.append(node.get("name", {}).get("value", ""))
    return names


def check_view(browser, out_dir, page_name, width, theme, shots, axe):
    problems, record = [], {}
    where = f"{page_name} at {width} px, {theme}"
    context = browser.new_context(viewport={"width": width, "height": 720}, color_scheme=theme,
                                  device_scale_factor=2 if width < 600 else 1)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
    page = context.new_page()
    page.goto("file://" + os.path.abspath(os.path.join(out_dir, page_name)), wait_until="load")
    page.wait_for_timeout(300)
    m = page.evaluate(MEASURE)
    record["width"] = m["scrollWidth"]
    if m["scrollWidth"] > m["innerWidth"] + 1:
        problems.append(f"{where}: the page is {m['scrollWidth']} px wide in a {m['innerWidth']} px window (widest: {m['widest']})")
    if m["tocProblem"]:
        problems.append(f"{where}: {m['tocProblem']}")
    names = [n for n in named_images(page) if n]
    record["figures"] = len(m["figures"])
    record["namedImages"] = len(names)
    if len(names) < len(m["figures"]):
        problems.append(f"{where}: {len(m['figures'])} visible figures but only {len(names)} named images in the accessibility tree")
    lowest = data_lowest = None
    for fig in m["figures"]:
        if not fig["ids"]:
            problems.append(f"{where}: figure {fig['id']} has no aria-labelledby")
        if fig["missing"]:
            problems.append(f"{where}: figure {fig['id']} is labelled by missing ids {fig['missing']}")
        for ink in fig["ink"]:
            ratio = contrast(ink["color"], fig["paper"])
            if not ink["ink"]:   # text in a data colour (a group's label): measured, reported, not ink
                data_lowest = ratio if data_lowest is None else min(data_lowest, ratio)
                continue
            lowest = ratio if lowest is None else min(lowest, ratio)
            if ratio < INK_CONTRAST:
                problems.append(f"{where}: figure {fig['id']}: {ink['what']} ink {ink['color']} on {fig['paper']} is {ratio:.2f}:1 (< {INK_CONTRAST}:1)")
                break
    record["lowestInkContrast"] = round(lowest, 2) if lowest else None
    record["lowestDataTextContrast"] = round(data_lowest, 2) if data_lowest else None
    if data_lowest is not None and data_lowest < INK_CONTRAST:
        print(f"browser-check: note: {where}: text in a data colour at {data_lowest:.2f}:1 (the charts palette)", flush=True)
    small = [f["smallestText"] for f in m["figures"] if f["smallestText"]]
    record["smallestFigureText"] = round(min(small), 1) if small else None
    if m["typeset"] != m["math"]:
        problems.append(f"{where}: {m['math']} math spans, only {m['typeset']} typeset by KaTeX")
    if m["katexErrors"]:
        problems.append(f"{where}: {m['katexErrors']} KaTeX errors")
    outside = [r for r in m["resources"] if not r.startswith("file://")]
    if outside:
        problems.append(f"{where}: loaded resources from outside the site: {outside[:3]}")
    results = axe.run(page, options={"resultTypes": ["violations"]})
    violations = results.response.get("violations", [])
    record["axe"] = {v["id"]: {"impact": v["impact"], "nodes": len(v["nodes"])} for v in violations}
    for v in violations:
        if v["impact"] in BLOCKING:
            target = v["nodes"][0]["target"] if v["nodes"] else ""
            problems.append(f"{where}: axe {v['impact']} '{v['id']}' on {len(v['nodes'])} element(s), first {target}: {v['help']}")
    if shots:
        page.screenshot(path=os.path.join(shots, f"{page_name[:-5]}_{width}_{theme}.png"))
    context.close()
    return problems, record


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    out_dir, shots, pages = args[0], None, []
    rest = args[1:]
    while rest:
        a = rest.pop(0)
        if a == "--shots":
            shots = rest.pop(0)
            os.makedirs(shots, exist_ok=True)
        else:
            pages.append(a)
    if not pages:
        pages = sorted(f for f in os.listdir(out_dir) if f.endswith(".html"))
    try:
        from playwright.sync_api import sync_playwright
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        sys.exit("browser-check: Playwright and axe-playwright-python are needed (run `make deps`)")
    problems = static_scan(out_dir)
    report = {}
    axe = Axe()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND"])
        for page_name in pages:
            for width in WIDTHS:
                for theme in THEMES:
                    found, record = check_view(browser, out_dir, page_name, width, theme, shots, axe)
                    problems += found
                    report[f"{page_name} {width} {theme}"] = record
            widths = {k.split()[1]: v["width"] for k, v in report.items() if k.startswith(page_name + " ")}
            print(f"browser-check: {page_name}: page widths {widths}", flush=True)
        browser.close()
    if shots:
        with open(os.path.join(shots, "report.json"), "w") as f:
            json.dump(report, f, indent=1, sort_keys=True)
    for problem in problems:
        print("browser-check: " + problem, file=sys.stderr)
    print(f"browser-check: {len(pages)} pages × {len(WIDTHS)} widths × {len(THEMES)} themes: "
          + ("all checks pass" if not problems else f"{len(problems)} problem(s)"))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
