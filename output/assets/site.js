// Reader controls that need a script: the theme switch (light / dark / as the system, remembered
// in localStorage; the page's <head> applies the saved choice before the first paint) and a copy
// button on every code block.
(function () {
  "use strict";
  var KEY = "mixdown-theme";
  var root = document.documentElement;
  var names = { system: "Theme: as the system", light: "Theme: light", dark: "Theme: dark" };
  var order = ["system", "light", "dark"];

  function current() { return root.getAttribute("data-theme") || "system"; }

  function apply(theme) {
    if (theme === "system") root.removeAttribute("data-theme"); else root.setAttribute("data-theme", theme);
    try {
      if (theme === "system") localStorage.removeItem(KEY); else localStorage.setItem(KEY, theme);
    } catch (e) { /* storage may be disabled; the choice then lasts for this page only */ }
    label();
  }

  var toggle = document.getElementById("theme-toggle");
  function label() {
    if (!toggle) return;
    var theme = current();
    toggle.setAttribute("aria-label", names[theme] + " (click to change)");
    toggle.setAttribute("title", names[theme]);
    toggle.setAttribute("data-state", theme);
  }
  if (toggle) {
    toggle.hidden = false;
    label();
    toggle.addEventListener("click", function () {
      apply(order[(order.indexOf(current()) + 1) % order.length]);
    });
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy refused"));
    });
  }

  document.querySelectorAll("pre.cell-source, pre.code").forEach(function (pre) {
    var wrap = document.createElement("div");
    wrap.className = "code-wrap";
    pre.parentNode.insertBefore(wrap, pre);
    wrap.appendChild(pre);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-code";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy this code");
    button.addEventListener("click", function () {
      var code = pre.querySelector("code") || pre;
      copy(code.textContent.replace(/\n$/, "")).then(function () {
        button.textContent = "Copied";
      }, function () {
        button.textContent = "Press Ctrl+C";
        var range = document.createRange();
        range.selectNodeContents(code);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      });
      setTimeout(function () { button.textContent = "Copy"; }, 2000);
    });
    wrap.appendChild(button);
  });
})();