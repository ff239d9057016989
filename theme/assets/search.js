// Search, as an enhancement: the index is fetched only here, when someone has searched.
(function () {
  "use strict";
  var script = document.currentScript;
  var results = document.getElementById("search-results");
  var fallback = document.querySelector("[data-search-fallback]");
  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  if (!results || !window.fetch) return;
  if (fallback) fallback.hidden = true;
  var input = document.getElementById("search-page");
  if (input) input.value = query;
  if (!query) return;

  function words(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").split(/[^a-z0-9]+/).filter(Boolean);
  }

  function score(entry, terms) {
    var title = words(entry.title), keys = words(entry.keywords.join(" ")), summary = words(entry.summary);
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i], found = 0;
      if (title.some(function (w) { return w.indexOf(t) === 0; })) found += 10;
      if (keys.some(function (w) { return w.indexOf(t) === 0; })) found += 6;
      if (summary.some(function (w) { return w.indexOf(t) === 0; })) found += 2;
      if (!found) return 0;
      total += found;
    }
    return total;
  }

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    return node;
  }

  function show(index) {
    var base = script.getAttribute("data-index").replace(/search\/index\.json$/, "");
    var terms = words(query);
    var found = index
      .map(function (entry) { return { entry: entry, score: score(entry, terms) }; })
      .filter(function (r) { return r.score > 0; })
      .sort(function (a, b) { return b.score - a.score || a.entry.title.localeCompare(b.entry.title); });
    results.textContent = "";
    var heading = el("h2", found.length + (found.length === 1 ? " result" : " results") + " for \u2018" + query + "\u2019");
    heading.tabIndex = -1;
    results.appendChild(heading);
    if (!found.length) {
      results.appendChild(el("p", "Check your spelling or use fewer words. You can also browse the A to Z of services."));
      if (fallback) fallback.hidden = false;
      return;
    }
    var list = el("ol");
    found.slice(0, 50).forEach(function (r) {
      var item = el("li"), link = el("a", r.entry.title);
      link.href = base + r.entry.url;
      item.appendChild(link);
      item.appendChild(el("p", r.entry.summary));
      list.appendChild(item);
    });
    results.appendChild(list);
  }

  fetch(script.getAttribute("data-index"))
    .then(function (response) { return response.json(); })
    .then(show)
    .catch(function () {
      results.textContent = "Sorry, search is not working at the moment.";
      if (fallback) fallback.hidden = false;
    });
})();
