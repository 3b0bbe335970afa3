#!/usr/bin/env python3
"""Uses the built site as a reader would, in Debian's Chromium driven by Playwright, offline.

Checks: typing a word into the search box lists sections and following a result lands on its
heading; a copy button puts the cell's code on the clipboard; a citation leads to its entry in the
reference list; @sec- and @eq- links lead to their heading and numbered equation; the theme switch cycles light / dark / system,
is remembered across a reload and is applied before the first paint; every download link serves
the file it names; pages without math load no KaTeX; the favicon and 404 page exist; no request
leaves 127.0.0.1.

The pages are served by a small HTTP server on 127.0.0.1 (a random free port) for the run only,
since the clipboard needs an http origin. Screenshots (390 and 1280 px, light and dark) go to
SHOT_DIR when given.
Usage: browser-site-check.py OUTPUT_DIR [SHOT_DIR]   (exit 0 ok, 1 a check failed)
"""
import functools
import http.server
import importlib.util
import os
import sys
import threading

try:
    from playwright.sync_api import sync_playwright
except ImportError:
    sys.exit("browser-site-check: Playwright is not installed (run `make deps`)")

LESSON = "lmm.html"
PROBLEMS = []


def check(condition, message):
    if not condition:
        PROBLEMS.append(message)
    return condition


def chromium():
    """The Chromium that browser-check.py finds (one place for the lookup)."""
    spec = importlib.util.spec_from_file_location("browser_check", os.path.join(os.path.dirname(__file__), "browser-check.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.chromium()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    handler = functools.partial(QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def check_search(page, base):
    page.goto(base + "index.html")
    page.fill("#search-input", "REML")
    page.wait_for_selector("#search-results a", timeout=10000)
    results = page.eval_on_selector_all("#search-results a", "els => els.map(a => a.getAttribute('href'))")
    check(any(r.startswith(LESSON + "#") for r in results), f"search 'REML': no result in {LESSON}: {results}")
    target = next((r for r in results if r.startswith(LESSON + "#")), None)
    if target:
        page.click(f'#search-results a[href="{target}"]')
        page.wait_for_url("**/" + target)
        anchor = target.split("#", 1)[1]
        visible = page.evaluate("id => { const r = document.getElementById(id).getBoundingClientRect();"
                                " return r.top >= -2 && r.top < innerHeight; }", anchor)
        check(visible, f"search result {target}: the heading is not on screen after following it")
        print(f"browser-site-check: search 'REML' -> {len(results)} results, followed {target}")
    page.goto(base + "index.html")
    page.fill("#search-input", "likelihood")
    page.wait_for_selector("#search-results a")
    page.keyboard.press("ArrowDown")
    first = page.eval_on_selector("#search-results a", "a => a.getAttribute('href')")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    check(focused == first, f"search: ArrowDown focuses {focused}, not the first result {first}")
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + first)
    page.goto(base + "index.html")
    page.fill("#search-input", "zzzznothing")
    page.wait_for_selector("#search-results .search-none")


def check_copy(page, base):
    page.goto(base + LESSON)
    code = page.eval_on_selector("pre.cell-source code", "c => c.textContent.replace(/\\n$/, '')")
    page.click(".copy-code")
    page.wait_for_function("() => document.querySelector('.copy-code').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    check(copied == code, f"copy button: clipboard holds {copied[:60]!r}, the cell holds {code[:60]!r}")
    buttons = page.eval_on_selector_all(".copy-code", "b => b.length")
    cells = page.eval_on_selector_all("pre.cell-source, pre.code", "p => p.length")
    check(buttons == cells, f"copy buttons: {buttons} for {cells} code blocks")
    print(f"browser-site-check: copy button -> clipboard holds the cell's {len(code)} characters; {buttons} buttons")


def follow(page, selector, what):
    href = page.get_attribute(selector, "href")
    page.click(selector)
    page.wait_for_function("h => location.hash === h", arg=href)
    ok = page.evaluate("id => { const e = document.getElementById(id); if (!e) return false;"
                       " const r = e.getBoundingClientRect(); return r.top >= -2 && r.top < innerHeight; }", href[1:])
    check(ok, f"{what} {href}: the target is missing or not on screen")
    print(f"browser-site-check: followed {what} {href}")


def check_links(page, base):
    page.goto(base + LESSON)
    follow(page, ".citation a", "citation")
    page.goto(base + LESSON)
    follow(page, 'a.xref[href^="#sec-"]', "section reference")
    page.goto(base + LESSON)
    follow(page, 'a.xref[href^="#fig-"]', "figure reference")
    page.goto(base + LESSON)
    follow(page, 'a.xref[href^="#eq-"]', "equation reference")
    href = page.get_attribute('a.xref[href^="#eq-"]', "href")
    tag = page.evaluate("id => { const t = document.getElementById(id).querySelector('.equation-number');"
                        " return t ? t.textContent : null; }", href[1:])
    number = page.text_content(f'a.xref[href="{href}"]').split()[-1]
    check(tag == f"({number})", f"equation {href}: numbered {tag!r}, the reference says {number}")


def background(page):
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def check_theme(page, base):
    page.goto(base + LESSON)
    page.emulate_media(color_scheme="dark")
    dark = background(page)
    page.emulate_media(color_scheme="light")
    light = background(page)
    check(light != dark, f"the system's light and dark themes give the same background {light}")
    states = []
    for _ in range(3):
        page.click("#theme-toggle")
        states.append((page.evaluate("document.documentElement.getAttribute('data-theme')"), background(page),
                       page.evaluate("localStorage.getItem('mixdown-theme')")))
        ink = page.evaluate("[getComputedStyle(document.querySelector('.cell-figure svg')).color,"
                            " getComputedStyle(document.body).color]")
        check(ink[0] == ink[1], f"theme {states[-1][0]}: figure ink {ink[0]} differs from the text colour {ink[1]}")
    check([s[0] for s in states] == ["light", "dark", None], f"theme switch cycles {states}")
    check([s[1] for s in states] == [light, dark, light],
          f"theme backgrounds {[s[1] for s in states]}, expected light {light}, dark {dark}, then the system's (light)")
    check([s[2] for s in states] == ["light", "dark", None], f"theme is remembered as {[s[2] for s in states]}")
    # A chosen light theme holds when the system is dark.
    page.click("#theme-toggle")
    page.emulate_media(color_scheme="dark")
    check(background(page) == light, "the light theme does not hold when the system is dark")
    page.emulate_media(color_scheme="light")
    page.click("#theme-toggle")
    # The saved theme must be on <html> before the first paint: read it when <body> is created.
    page.add_init_script("new MutationObserver((records, observer) => { if (document.body) {"
                         " window.__firstTheme = document.documentElement.getAttribute('data-theme');"
                         " observer.disconnect(); } }).observe(document, {childList: true, subtree: true});")
    page.goto(base + "language.html")
    check(page.evaluate("window.__firstTheme") == "dark", "saved dark theme is not applied before the page shows")
    check(background(page) == dark, "saved dark theme not applied on the next page")
    page.click("#theme-toggle")   # back to the system theme
    print(f"browser-site-check: theme switch light -> dark -> system, remembered across pages")


def check_downloads(page, base, out_dir):
    page.goto(base + LESSON)
    links = page.eval_on_selector_all(".downloads a[download]", "as => as.map(a => a.getAttribute('href'))")
    check(len(links) >= 2, f"downloads: expected the source and its data, found {links}")
    for href in links:
        response = page.request.get(base + href)
        expected = open(os.path.join(out_dir, href), "rb").read()
        check(response.ok and response.body() == expected, f"download {href}: status {response.status}, bytes differ")
    source = page.get_attribute(".site-footer a", "href")
    check(source == "downloads/lmm.md", f"footer links the source as {source}")
    print(f"browser-site-check: downloads {links} served as written")


def check_assets(page, base):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "language.html")
    page.wait_for_load_state("load")
    katex = [u for u in requests if "katex" in u]
    math = page.eval_on_selector_all("span.math", "s => s.length")
    if math == 0:
        check(not katex, f"language.html has no math but loads {katex}")
    icon = page.request.get(base + "assets/favicon.svg")
    check(icon.ok, "favicon missing")
    missing = page.request.get(base + "404.html")
    check(missing.ok and b"Page not found" in missing.body(), "404.html missing")
    description = page.get_attribute('meta[name="description"]', "content")
    check(bool(description), "language.html has no meta description")
    outside = [u for u in requests if not u.startswith(base)]
    check(not outside, f"requests left the site: {outside}")
    print(f"browser-site-check: language.html made {len(requests)} requests, KaTeX {'loaded' if katex else 'not loaded'}"
          f" ({math} math spans); favicon, 404 page, meta description present")


def screenshots(browser, base, shot_dir):
    os.makedirs(shot_dir, exist_ok=True)
    for width in (390, 1280):
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
            page = context.new_page()
            for name in ("index", "lmm", "language", "404"):
                page.goto(base + name + ".html")
                page.wait_for_load_state("load")
                page.screenshot(path=os.path.join(shot_dir, f"{name}_{width}_{scheme}.png"))
            page.goto(base + "lmm.html")
            page.fill("#search-input", "shrinkage")
            page.wait_for_selector("#search-results li")
            page.screenshot(path=os.path.join(shot_dir, f"search_{width}_{scheme}.png"))
            page.goto(base + "lmm.html#sec-why-reml")
            page.screenshot(path=os.path.join(shot_dir, f"reml_{width}_{scheme}.png"))
            page.goto(base + "lmm.html#eq-lmm-inter")
            page.wait_for_load_state("load")
            page.screenshot(path=os.path.join(shot_dir, f"equation_{width}_{scheme}.png"))
            page.goto(base + "lmm.html#references")
            page.screenshot(path=os.path.join(shot_dir, f"refs_{width}_{scheme}.png"))
            page.eval_on_selector(".callout", "e => e.scrollIntoView()")
            page.screenshot(path=os.path.join(shot_dir, f"callout_{width}_{scheme}.png"))
            context.close()


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out_dir = os.path.abspath(sys.argv[1])
    server = serve(out_dir)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium(), args=[
                "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
            page = context.new_page()
            for step in (check_search, check_copy, check_links, check_theme):
                step(page, base)
            check_downloads(page, base, out_dir)
            check_assets(context.new_page(), base)
            context.close()
            if len(sys.argv) > 2:
                screenshots(browser, base, sys.argv[2])
            browser.close()
    finally:
        server.shutdown()
    for problem in PROBLEMS:
        print("browser-site-check: " + problem, file=sys.stderr)
    print(f"browser-site-check: {'FAILED' if PROBLEMS else 'all reader checks passed'}")
    sys.exit(1 if PROBLEMS else 0)


if __name__ == "__main__":
    main()
