// factions: search suggestions as one types. The pages work without it.
(function () {
  "use strict";
  var list = document.getElementById("suggestions");
  if (!list || !window.fetch) return;
  var timer = null, last = "";
  function fill(items) {
    while (list.firstChild) list.removeChild(list.firstChild);
    items.forEach(function (s) {
      var o = document.createElement("option");
      o.value = s.name;            // text, never markup
      o.label = s.type + (s.match ? " · as " + s.match : "");
      list.appendChild(o);
    });
  }
  function suggest(q) {
    if (q === last) return;
    last = q;
    if (q.trim().length < 2) { fill([]); return; }
    fetch("/api/search?limit=8&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (res) { if (q === last) fill(res.suggestions || []); })
      .catch(function () {});
  }
  document.querySelectorAll("input[list=suggestions]").forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value;
      timer = setTimeout(function () { suggest(q); }, 120);
    });
  });
  // the as-of date: show as soon as a date is picked
  // (once: a click on Show right after is not a second navigation)
  var asof = document.getElementById("as_of");
  if (asof && asof.form) {
    var form = asof.form;
    form.addEventListener("submit", function (e) {
      if (form.dataset.sent) e.preventDefault();
      form.dataset.sent = "1";
    });
    asof.addEventListener("change", function () {
      if (!form.dataset.sent && (asof.value === "" || /^\d{4}-\d{2}-\d{2}$/.test(asof.value))) {
        form.dataset.sent = "1";
        form.submit();
      }
    });
  }
})();
