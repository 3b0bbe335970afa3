// Offline search: the box in the header loads Lunr (assets/lunr, Debian's libjs-lunr) and the
// index that `mixdown build` wrote (assets/search-index.js) on first use, builds a Lunr index in
// the page and lists matching sections, each a link to its heading. Plain scripts, no fetch, so it
// also works from file://. Results are built with textContent: nothing from the index is parsed
// as HTML.
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form) return;
  var input = form.querySelector("input");
  var list = document.getElementById("search-results");
  var base = form.getAttribute("data-assets") || "assets/";
  var index = null, documents = null, loading = null;
  form.hidden = false;

  function load(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = base + src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(s);
    });
  }

  function ready() {
    if (!loading) {
      loading = load("lunr/lunr.min.js").then(function () { return load("search-index.js"); }).then(function () {
        documents = window.mixdownSearchIndex || [];
        index = lunr(function () {
          this.ref("i");
          this.field("title", { boost: 5 });
          this.field("text");
          var builder = this;
          documents.forEach(function (d, i) { builder.add({ i: String(i), title: d.title, text: d.text }); });
        });
      });
    }
    return loading;
  }

  function search(text) {
    var terms = lunr.tokenizer(text).map(function (t) { return t.toString(); }).filter(Boolean);
    if (terms.length === 0) return [];
    return index.query(function (q) {
      terms.forEach(function (term) {
        q.term(term, { boost: 10 });
        q.term(term, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 1 });
      });
    }).slice(0, 12);
  }

  function snippet(text, terms) {
    var lower = text.toLowerCase(), at = -1;
    for (var i = 0; i < terms.length && at < 0; i++) at = lower.indexOf(terms[i].toLowerCase());
    var start = Math.max(0, at - 60);
    var cut = text.slice(start, start + 160);
    return (start > 0 ? "… " : "") + cut + (start + 160 < text.length ? " …" : "");
  }

  function show(text) {
    list.textContent = "";
    if (!text.trim()) { list.hidden = true; return; }
    var results = search(text);
    var words = text.split(/\s+/).filter(Boolean);
    if (results.length === 0) {
      var none = document.createElement("li");
      none.className = "search-none";
      none.textContent = "No section matches “" + text + "”.";
      list.appendChild(none);
    }
    results.forEach(function (r) {
      var d = documents[Number(r.ref)];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = d.page + (d.anchor ? "#" + d.anchor : "");
      var where = document.createElement("span");
      where.className = "search-lesson";
      where.textContent = d.anchor ? d.lesson : "Lesson";
      a.appendChild(where);
      a.appendChild(document.createTextNode(d.anchor ? d.title : d.lesson));
      var p = document.createElement("p");
      p.textContent = snippet(d.text, words);
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
    list.hidden = false;
  }

  input.addEventListener("focus", ready);
  input.addEventListener("input", function () {
    ready().then(function () { show(input.value); });
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    ready().then(function () {
      show(input.value);
      var first = list.querySelector("a");
      if (first) first.click();
    });
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest("a")) { list.hidden = true; }
  });
  // Arrow keys move between the input and the results.
  form.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    if (list.hidden || links.length === 0) return;
    var at = links.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? at + 1 : at - 1;
    event.preventDefault();
    if (next < 0) input.focus(); else links[Math.min(next, links.length - 1)].focus();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && document.activeElement !== input && !/INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName)) {
      event.preventDefault();
      input.focus();
    } else if (event.key === "Escape" && form.contains(document.activeElement)) {
      list.hidden = true;
      input.blur();
    }
  });
})();