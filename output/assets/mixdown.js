// Reader helpers, offline: typesets the math spans Mixdown leaves in the page
// (<span class="math inline|display">TeX</span>) with the KaTeX copy in assets/katex when the page
// has math, marks the section being read in the table of contents, shows the current lesson in
// the header's lesson links, and lets keyboard users reach boxes that scroll sideways.
document.addEventListener("DOMContentLoaded", function () {
  if (typeof katex !== "undefined") {
    document.querySelectorAll("span.math").forEach(function (el) {
      katex.render(el.textContent, el, {
        displayMode: el.classList.contains("display"),
        throwOnError: false,
        output: "htmlAndMathml"
      });
    });
  }
  markCurrentSection();
  showCurrentLesson();
  focusableScrollers();
  window.addEventListener("resize", focusableScrollers);
  // KaTeX's fonts arrive after this: an equation that fits in the fallback font may not in them.
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(focusableScrollers);
  window.addEventListener("load", focusableScrollers);
});

// The TOC link of the last heading above the top quarter of the window gets aria-current.
function markCurrentSection() {
  var links = Array.prototype.slice.call(document.querySelectorAll(".toc a[href^='#']"));
  if (!links.length) return;
  var targets = links.map(function (a) { return document.getElementById(decodeURIComponent(a.hash.slice(1))); });
  var current = null;
  function update() {
    var line = window.innerHeight / 4, best = -1;
    targets.forEach(function (t, i) { if (t && t.getBoundingClientRect().top <= line) best = i; });
    if (best === -1) best = 0;
    if (current === best) return;
    if (current !== null) links[current].removeAttribute("aria-current");
    links[best].setAttribute("aria-current", "location");
    current = best;
    var toc = document.querySelector(".toc");
    if (toc && toc.scrollHeight > toc.clientHeight) {
      var r = links[best].getBoundingClientRect(), box = toc.getBoundingClientRect();
      if (r.top < box.top || r.bottom > box.bottom) links[best].scrollIntoView({ block: "nearest" });
    }
  }
  var pending = false;
  window.addEventListener("scroll", function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; update(); });
  }, { passive: true });
  update();
}

// On a phone the lesson links scroll sideways: bring the current lesson into view.
function showCurrentLesson() {
  var nav = document.querySelector(".lesson-nav"), current = nav && nav.querySelector("[aria-current=page]");
  if (nav && current && nav.scrollWidth > nav.clientWidth) nav.scrollLeft = current.offsetLeft - nav.offsetLeft - 16;
}

// A code block, table or equation wider than its box can be scrolled from the keyboard.
function focusableScrollers() {
  document.querySelectorAll("pre, .table-wrap, .math.display").forEach(function (el) {
    if (el.scrollWidth > el.clientWidth + 1) {
      if (!el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("data-scroll-focus", "");
      }
    } else if (el.hasAttribute("data-scroll-focus")) {
      el.removeAttribute("tabindex"); el.removeAttribute("data-scroll-focus");
    }
  });
}