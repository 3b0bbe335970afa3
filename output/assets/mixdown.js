// Typesets the math spans that Mixdown leaves in the page (<span class="math inline|display">TeX</span>)
// with the KaTeX copy in assets/katex. Works offline; no request leaves the page.
document.addEventListener("DOMContentLoaded", function () {
  if (typeof katex === "undefined") return;
  document.querySelectorAll("span.math").forEach(function (el) {
    var tex = el.textContent;
    katex.render(tex, el, {
      displayMode: el.classList.contains("display"),
      throwOnError: false,
      output: "htmlAndMathml"
    });
  });
});
