// Search in the browser, for sites on a host that only serves files. The index is fetched only
// here, when someone has searched, and only the parts a search needs: the vocabulary, the files
// its words fall in, and the records of the results shown. It does what councilsite/search/
// (engine.py, text.py, suggest.py, render.py) does on `councilsite serve`, with lunr.js reading the
// index that lunr built in Python; tests compare the two on the demo's queries.
(function () {
  "use strict";
  var script = document.currentScript;
  var results = document.querySelector("[data-search-results]");
  if (!results || !window.fetch || !window.Promise || !window.Set || !window.URLSearchParams) return;
  var lunr = null;  // lunr.js is fetched the first time someone searches (loadLunr)
  var indexUrl = script.getAttribute("data-index");
  var base = script.getAttribute("data-root") || "../";
  var folder = indexUrl.replace(/index\.json$/, "");
  var siteName = script.getAttribute("data-site-name") || "";
  var form = document.querySelector("[data-search-form]");
  var input = form && form.querySelector("input[name=q]");
  var status = document.querySelector("[data-search-status]");
  var noJs = document.querySelector("[data-search-nojs]");
  var otherWays = document.querySelector("[data-search-other-ways]");
  var PER_PAGE = 20, TYPO_MIN_LETTERS = 5, MAX_QUERY_WORDS = 12, PHRASE_BOOST = 1;
  var cache = {};
  if (noJs) noJs.hidden = true;
  // `councilsite serve` has already put the results in the page.
  if (results.getAttribute("data-rendered") === "server") return;

  function getJSON(path) {
    if (!cache[path]) {
      cache[path] = fetch(folder + path).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
    }
    return cache[path];
  }

  // councilsite/search/text.py
  function normalise(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/['\u2019]/g, "")
      .replace(/[^a-z0-9]+/g, " ").trim();
  }
  function words(text) {
    return normalise(text).split(" ").filter(Boolean);
  }
  function isStopWord(word) { return lunr.stopWordFilter(word) === undefined; }
  function stem(word) { return lunr.stemmer(new lunr.Token(word)).toString(); }

  // councilsite/search/engine.py: plan()
  function plan(ws, vocabulary, searched) {
    var clauses = [], unknown = {}, stems = [], seen = {};
    ws.forEach(function (word) {
      if (isStopWord(word)) return;
      var term = stem(word);
      stems.push(term);
      if (seen[term]) return;
      seen[term] = true;
      if (vocabulary.has(term)) {
        clauses.push({ term: term, fields: searched, editDistance: 0, boost: 1 });
      } else {
        unknown[word] = true;
        if (word.length >= TYPO_MIN_LETTERS) clauses.push({ term: term, fields: searched, editDistance: 1, boost: 1 });
      }
    });
    var phrases = {};
    for (var i = 0; i + 1 < stems.length; i++) {
      var phrase = stems[i] + "_" + stems[i + 1];
      if (!phrases[phrase] && vocabulary.has(phrase)) {
        phrases[phrase] = true;
        clauses.push({ term: phrase, fields: ["phrase"], editDistance: 0, boost: PHRASE_BOOST });
      }
    }
    return { clauses: clauses, unknown: unknown };
  }

  // The terms a query can reach (a typo reaches its neighbours), and so the files to fetch.
  function neededFiles(meta, vocabularySet, clauses) {
    var files = {};
    clauses.forEach(function (c) {
      var reached = c.editDistance
        ? vocabularySet.intersect(lunr.TokenSet.fromFuzzyString(c.term, c.editDistance)).toArray()
        : [c.term];
      reached.forEach(function (term) {
        var at = meta.position[term], lo = 0, hi = meta.starts.length - 1;
        while (lo < hi) {
          var mid = (lo + hi + 1) >> 1;
          if (meta.starts[mid] <= at) lo = mid; else hi = mid - 1;
        }
        files[lo] = true;
      });
    });
    return Object.keys(files).map(Number).sort(function (a, b) { return a - b; });
  }

  // engine.py: make_index()
  function makeIndex(meta, chunks) {
    var inverted = Object.create(null), vectors = Object.create(null);
    chunks.forEach(function (chunk) {
      Object.keys(chunk).forEach(function (term) {
        var lists = chunk[term], posting = { _index: meta.position[term] };
        meta.fields.forEach(function (name, f) {
          var flat = lists[f], field = Object.create(null);
          for (var i = 0; i < flat.length; i += 2) {
            field[flat[i]] = {};
            var ref = name + "/" + flat[i];
            (vectors[ref] = vectors[ref] || []).push([posting._index, flat[i + 1]]);
          }
          posting[name] = field;
        });
        inverted[term] = posting;
      });
    });
    var fieldVectors = Object.create(null);
    Object.keys(vectors).forEach(function (ref) {
      var pairs = vectors[ref].sort(function (a, b) { return a[0] - b[0]; }), elements = [];
      pairs.forEach(function (p) { elements.push(p[0], p[1]); });
      fieldVectors[ref] = new lunr.Vector(elements);
    });
    var terms = Object.keys(inverted).sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; });
    return new lunr.Index({ invertedIndex: inverted, fieldVectors: fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(terms), fields: meta.fields, pipeline: new lunr.Pipeline() });
  }

  // engine.py: run() and rank()
  function rank(index, clauses) {
    if (!clauses.length) return [];
    var matches = index.query(function (q) {
      clauses.forEach(function (c) {
        q.term(c.term, { fields: c.fields, editDistance: c.editDistance, boost: c.boost, usePipeline: false });
      });
    });
    return matches.map(function (m) { return [Number(m.ref), Math.round(m.score * 1e6) / 1e6]; })
      .sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
  }

  // councilsite/search/suggest.py
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = [], prev = [], i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      var row = [i];
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], prev2[j - 2] + 1);
      }
      prev2 = prev; prev = row;
    }
    return prev[b.length];
  }
  function closest(word, siteWords) {
    var best = null, bestKey = null, limit = word.length < 6 ? 1 : 2;
    Object.keys(siteWords).forEach(function (candidate) {
      var d = distance(word, candidate, limit);
      if (d === 0 || d > limit) return;
      var key = [d, -siteWords[candidate], candidate];
      if (bestKey === null || key[0] < bestKey[0] || (key[0] === bestKey[0] && (key[1] < bestKey[1] ||
          (key[1] === bestKey[1] && key[2] < bestKey[2])))) {
        best = candidate; bestKey = key;
      }
    });
    return best;
  }
  function suggestion(ws, unknown, siteWords) {
    var changed = false, out = ws.map(function (word) {
      var better = unknown[word] && word.length >= 3 ? closest(word, siteWords) : null;
      if (better) changed = true;
      return better || word;
    });
    return changed ? out.join(" ") : null;
  }

  // councilsite/search/render.py: the same markup, element for element.
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  function queryHref(query, page) {
    return "?q=" + encodeURIComponent(query) + (page > 1 ? "&page=" + page : "");
  }
  function counted(n) { return n + (n === 1 ? " result" : " results"); }
  function render(answer) {
    var out = [];
    if (answer.suggestion) {
      out.push(el("p", { "class": "search-results__suggestion" }, ["Did you mean ",
        el("a", { href: queryHref(answer.suggestion, 1) }, [answer.suggestion]), "?"]));
    }
    out.push(el("h2", { "class": "search-results__count", id: "search-count" }, [counted(answer.total)]));
    if (!answer.total) {
      out.push(el("p", {}, ["There are no matching results."]));
      out.push(el("p", {}, ["Improve your search results by:"]));
      out.push(el("ul", { "class": "search-results__tips" }, [el("li", {}, ["checking your spelling"]),
        el("li", {}, ["using fewer words"]), el("li", {}, ["searching for something less specific"])]));
      return out;
    }
    out.push(el("ol", { "class": "search-results__list", "aria-labelledby": "search-count",
      start: String((answer.page - 1) * PER_PAGE + 1) }, answer.results.map(function (r) {
      var parts = [el("h3", { "class": "search-result__title" }, [el("a", { href: base + r.url }, [r.title])])];
      if (r.online) parts.push(el("p", { "class": "search-result__online" }, [el("strong", { "class": "tag" }, ["Do it online"])]));
      if (r.summary) parts.push(el("p", { "class": "search-result__summary" }, [r.summary]));
      if (r.section) parts.push(el("p", { "class": "search-result__section" }, ["In " + r.section]));
      return el("li", { "class": "search-result" }, parts);
    })));
    if (answer.pages > 1) {
      var links = [];
      if (answer.page > 1) links.push(el("a", { "class": "search-pagination__prev", rel: "prev", href: queryHref(answer.query, answer.page - 1) }, ["Previous page"]));
      links.push(el("span", { "class": "search-pagination__label" }, ["Page " + answer.page + " of " + answer.pages]));
      if (answer.page < answer.pages) links.push(el("a", { "class": "search-pagination__next", rel: "next", href: queryHref(answer.query, answer.page + 1) }, ["Next page"]));
      out.push(el("nav", { "class": "search-pagination", "aria-label": "Results pages" }, links));
    }
    return out;
  }
  function titleFor(query) {
    return (query ? "Search results for \u2018" + query + "\u2019" : "Search") + (siteName ? " - " + siteName : "");
  }
  function announce(answer) {
    var text = counted(answer.total) + " for \u2018" + answer.query + "\u2019";
    if (answer.suggestion) text += ". Did you mean " + answer.suggestion + "?";
    if (status) status.textContent = text;
  }

  var lunrPromise = null;
  function loadLunr() {
    if (!lunrPromise) {
      lunrPromise = new Promise(function (resolve, reject) {
        if (window.lunr) return resolve(window.lunr);
        var tag = document.createElement("script");
        tag.src = script.getAttribute("data-lunr");
        tag.onload = function () { resolve(window.lunr); };
        tag.onerror = function () { lunrPromise = null; reject(new Error("lunr.js did not load")); };
        document.head.appendChild(tag);
      }).then(function (loaded) { lunr = loaded; });
    }
    return lunrPromise;
  }

  var metaPromise = null;
  function loadMeta() {
    if (!metaPromise) {
      metaPromise = Promise.all([getJSON("index.json"), loadLunr()]).then(function (loaded) {
        var meta = loaded[0];
        meta.position = {};
        meta.terms.forEach(function (t, i) { meta.position[t] = i; });
        meta.vocabulary = new Set(meta.terms);
        meta.vocabularySet = null;
        return meta;
      }, function (error) { metaPromise = null; throw error; });
    }
    return metaPromise;
  }

  // engine.py: SiteSearch.search()
  function search(query, page) {
    return loadMeta().then(function (meta) {
      var ws = words(query).slice(0, MAX_QUERY_WORDS);
      var p = plan(ws, meta.vocabulary, meta.searched);
      var fuzzy = p.clauses.some(function (c) { return c.editDistance; });
      if (fuzzy && !meta.vocabularySet) meta.vocabularySet = lunr.TokenSet.fromArray(meta.terms);
      var files = neededFiles(meta, meta.vocabularySet, p.clauses);
      var unknownWords = Object.keys(p.unknown);
      return Promise.all([
        Promise.all(files.map(function (n) { return getJSON("t/" + n + ".json"); })),
        unknownWords.length ? getJSON("words.json") : Promise.resolve(null)
      ]).then(function (loaded) {
        var ranked = rank(makeIndex(meta, loaded[0]), p.clauses);
        var pages = Math.max(1, Math.ceil(ranked.length / PER_PAGE));
        page = Math.min(Math.max(1, page), pages);
        var shown = ranked.slice((page - 1) * PER_PAGE, page * PER_PAGE);
        var docFiles = {};
        shown.forEach(function (r) { docFiles[Math.floor(r[0] / meta.docsPerFile)] = true; });
        var names = Object.keys(docFiles);
        return Promise.all(names.map(function (n) { return getJSON("d/" + n + ".json"); })).then(function (records) {
          var byFile = {};
          names.forEach(function (n, i) { byFile[n] = records[i]; });
          return {
            query: query.split(/\s+/).filter(Boolean).join(" "), total: ranked.length, page: page, pages: pages,
            suggestion: unknownWords.length ? suggestion(ws, p.unknown, loaded[1]) : null,
            results: shown.map(function (r) {
              var rec = byFile[Math.floor(r[0] / meta.docsPerFile)][r[0] % meta.docsPerFile];
              return { title: rec[0], url: rec[1], summary: rec[2], section: rec[3], online: !!rec[4], score: r[1] };
            })
          };
        });
      });
    });
  }

  function show(query, page) {
    if (input) input.value = query;
    document.title = titleFor(query.trim());
    if (!query.trim()) {
      results.textContent = "";
      if (otherWays) otherWays.hidden = false;
      return Promise.resolve();
    }
    results.setAttribute("aria-busy", "true");
    return search(query, page).then(function (answer) {
      results.textContent = "";
      render(answer).forEach(function (node) { results.appendChild(node); });
      results.setAttribute("data-rendered", "browser");
      results.removeAttribute("aria-busy");
      if (otherWays) otherWays.hidden = answer.total > 0;
      announce(answer);
    }).catch(function () {
      results.removeAttribute("aria-busy");
      results.textContent = "";
      results.appendChild(el("p", {}, ["Sorry, search is not working at the moment. Try again later, or use one of the ways below."]));
      if (otherWays) otherWays.hidden = false;
      if (status) status.textContent = "Sorry, search is not working at the moment.";
    });
  }

  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    return show(params.get("q") || "", parseInt(params.get("page") || "1", 10) || 1);
  }

  // Searching again from this page updates the results in place, and says so.
  if (form && input && window.history && window.history.pushState) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = input.value;
      window.history.pushState(null, "", query.trim() ? queryHref(query, 1) : window.location.pathname);
      show(query, 1);
    });
    window.addEventListener("popstate", fromAddress);
  }
  window.councilsiteSearch = { search: search };
  fromAddress();
})();
