/*
 * Wijkkompas site search: the query side of generator/search/.
 *
 * The analysis is the index's (analyse.py): fold, cut into words, drop stop
 * words (the manifest's list), Snowball Dutch stem (vendor/snowball/dutch.js,
 * the same release as the Python package). Nothing is downloaded until a visitor
 * starts a search (focus or first keystroke); then the manifest and the stemmer,
 * and per query only the term files of its words and the document files of the
 * results shown. Every index file is a script calling WijkkompasZoek.deel(), so
 * the offline copy works from disk, where browsers refuse fetch().
 *
 * Ranking (the scores are BM25F, computed by index.py): per query word its best
 * match (the word itself, else a glossary synonym, a longer word it starts, or a
 * word one typing error away) adds idf x score x the match's weight; a page
 * that has all the query's words beats one that has some (COVERAGE).
 *
 * The engine (analyse, Engine) also runs under Node: make eval and the tests use
 * it on the same files. Every text on the page is set with textContent.
 */
(function (root) {
  "use strict";

  var MATCH = { exact: 1, synonym: 0.9, prefix: 0.8, part: 0.5, typo: 0.6 };
  var MAX_EXPANSIONS = 20; // words a prefix or a typo may stand for
  var COVERAGE = 2; // a page's score x (share of query words it has) ^ COVERAGE
  var MIN_PREFIX = 3;
  var MIN_TYPO = 5; // shorter words: one typing error makes another word
  var LONG_TYPO = 9; // from this length, two errors
  var MIN_TAIL = 3; // a query may end in a short word: 'buurtapp'

  function fold(text) {
    return String(text).toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  }

  function words(text) {
    return fold(text).match(/[a-z0-9]+/g) || [];
  }

  // The term file of a term or word: the longest file name it starts with (index.py:
  // files are named by two characters, and split by one more where they grow large).
  function shardKey(term, keys) {
    if (term.length < 2) { return term + "_"; }
    for (var length = Math.min(term.length, 5); length > 2; length--) {
      if (keys[term.slice(0, length)]) { return term.slice(0, length); }
    }
    return term.slice(0, 2);
  }

  // Edit distance (insert, delete, substitute, swap two neighbours) of a and b, or
  // max + 1 as soon as it is certainly more than max.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) { return max + 1; }
    var previous2 = [], previous = [], row = [];
    for (var j = 0; j <= b.length; j++) { previous.push(j); }
    for (var i = 1; i <= a.length; i++) {
      row = [i];
      var best = i;
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var value = Math.min(previous[k] + 1, row[k - 1] + 1, previous[k - 1] + cost);
        if (i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) {
          value = Math.min(value, previous2[k - 2] + 1);
        }
        row.push(value);
        best = Math.min(best, value);
      }
      if (best > max) { return max + 1; }
      previous2 = previous;
      previous = row;
    }
    return previous[b.length];
  }

  function withinOne(a, b) { return distance(a, b, 1) <= 1; }

  // Typing errors allowed in a word: none below MIN_TYPO letters, two from LONG_TYPO.
  function allowedErrors(word) {
    return word.length < MIN_TYPO ? 0 : word.length < LONG_TYPO ? 1 : 2;
  }

  // load(name) -> Promise of the data of zoekindex/<name>.js; stem(word) -> its stem.
  function Engine(load, stem) {
    this.load = load;
    this.stem = stem;
    this.parts = {};
  }

  Engine.prototype.part = function (name) {
    if (!this.parts[name]) { this.parts[name] = this.load(name); }
    return this.parts[name];
  };

  Engine.prototype.manifest = function () { return this.part("index"); };

  // The query's words after the index's analysis: [{word, term}], stop words dropped.
  Engine.prototype.analyse = function (query, manifest) {
    var stop = {};
    manifest.stopwoorden.forEach(function (w) { stop[w] = true; });
    var stem = this.stem;
    var seen = {};
    return words(query).filter(function (w) { return !stop[w]; }).map(function (w) {
      return { word: w, term: stem(w) };
    }).filter(function (q) {
      if (seen[q.term]) { return false; }
      seen[q.term] = true;
      return true;
    });
  };

  // The term file a term or word is in: {t: term -> [idf, doc, score, ...], w: word as
  // written -> its term}.
  Engine.prototype.terms = function (term, manifest) {
    if (!manifest.keys) {
      manifest.keys = {};
      manifest.delen.forEach(function (key) { manifest.keys[key] = true; });
    }
    var key = shardKey(term, manifest.keys);
    return manifest.keys[key] ? this.part("t/" + key) : Promise.resolve({ t: {}, w: {} });
  };

  // What a query word can match, as groups: {all, items: [[term, weight, entry], ...]}.
  // In a group with all false the best item counts; with all true (the parts of a
  // compound) every item must be on the page, and they add up. A page counts the
  // best group. The word itself or its glossary synonyms come first; only without
  // them a longer word it starts (the last word, while typing) or, failing that, a
  // word within its typing errors. A long word may also be a compound the site
  // writes apart ('vasthouden': 'houd … vast') or only inside a longer word.
  Engine.prototype.matches = function (q, last, manifest) {
    var self = this;
    function lookup(term, weight) {
      return self.terms(term, manifest).then(function (shard) {
        return shard.t && shard.t[term] ? [[term, weight, shard.t[term]]] : [];
      });
    }
    function all(lists) { return [].concat.apply([], lists); }
    var own = Promise.all([lookup(q.term, MATCH.exact)].concat((manifest.synoniemen[q.term] || []).map(function (s) {
      return lookup(s, MATCH.synonym);
    }))).then(all);
    return Promise.all([own, this.terms(q.word, manifest)]).then(function (got) {
      var found = got[0], shard = got[1];
      var parts = self.compound(q, shard, lookup, manifest.min_deel);
      if (found.length) {
        return parts.then(function (split) { return [{ all: false, items: found }].concat(split); });
      }
      var names = Object.keys(shard.t || {});
      var expanded = [];
      if (last && q.word.length >= MIN_PREFIX) {
        names.forEach(function (t) {
          if (t.indexOf(q.term) === 0 || t.indexOf(q.word) === 0) { expanded.push([t, MATCH.prefix, shard.t[t]]); }
        });
      }
      // The most common words first: a prefix stands for its usual completions.
      expanded.sort(function (a, b) { return a[2][0] - b[2][0] || (a[0] < b[0] ? -1 : 1); });
      var other = expanded.length ? Promise.resolve(expanded.slice(0, MAX_EXPANSIONS)) : self.typos(q, shard, lookup);
      return Promise.all([other, parts]).then(function (both) {
        return (both[0].length ? [{ all: false, items: both[0] }] : []).concat(both[1]);
      });
    });
  };

  // The compound reading of a long word: its head (in this word's own term file) and
  // its tail, both terms (a linking -s- or -e- after the head), as one group of two.
  // Only the tail costs a download, and only for the longest heads found.
  // minPart: the shortest head, as the index splits compounds (decompound.py, via the manifest).
  Engine.prototype.compound = function (q, shard, lookup, minPart) {
    var word = q.word, stem = this.stem, splits = [];
    if (word.length < 2 * minPart) { return Promise.resolve([]); }
    for (var cut = word.length - MIN_TAIL; cut >= minPart; cut--) {
      var head = word.slice(0, cut), tail = word.slice(cut);
      var heads = [head].concat(/[se]$/.test(head) && head.length > minPart ? [head.slice(0, -1)] : []);
      for (var h = 0; h < heads.length; h++) {
        var term = stem(heads[h]);
        if (term !== q.term && shard.t && shard.t[term]) { splits.push([term, shard.t[term], stem(tail)]); break; }
      }
    }
    return Promise.all(splits.slice(0, 2).map(function (split) {
      return lookup(split[2], MATCH.part).then(function (tail) {
        return tail.length ? { all: true, items: [[split[0], MATCH.part, split[1]], tail[0]] } : null;
      });
    })).then(function (groups) { return groups.filter(Boolean); });
  };

  // Words of the site within the allowed typing errors of the query word, by their terms.
  Engine.prototype.typos = function (q, shard, lookup) {
    var max = allowedErrors(q.word);
    if (!max) { return Promise.resolve([]); }
    var candidates = {};
    Object.keys(shard.w || {}).forEach(function (w) { if (distance(w, q.word, max) <= max) { candidates[shard.w[w]] = true; } });
    Object.keys(shard.t || {}).forEach(function (t) { if (distance(t, q.word, max) <= max || distance(t, q.term, max) <= max) { candidates[t] = true; } });
    var terms = Object.keys(candidates).sort().slice(0, MAX_EXPANSIONS);
    return Promise.all(terms.map(function (t) { return lookup(t, MATCH.typo); })).then(function (lists) {
      return [].concat.apply([], lists);
    });
  };

  // Resolves to {aantal, resultaten: [{url, titel, soort, regel, score}], woorden}; with
  // options.nummers to {aantal, nummers}: every page found, by its number, best first
  // (the filter lists use it; no document files are loaded).
  Engine.prototype.search = function (query, options) {
    var self = this;
    var limit = (options && options.limit) || 10;
    var partial = !options || options.partial !== false;
    return this.manifest().then(function (manifest) {
      var qs = self.analyse(query, manifest);
      if (!qs.length) { return { aantal: 0, resultaten: [], woorden: [] }; }
      return Promise.all(qs.map(function (q, i) {
        return self.matches(q, partial && i === qs.length - 1, manifest);
      })).then(function (perWord) {
        // A word weighs by how rare it is (the idf of its best term): a page that lacks
        // a common word of the question loses less than one that lacks a rare one.
        var total = {}, covered = {}, weights = 0;
        perWord.forEach(function (groups) {
          var best = {}, weight = 0;
          groups.forEach(function (group) {
            group.items.forEach(function (m) { weight = Math.max(weight, m[2][0] / 1000); });
          });
          weights += weight;
          groups.forEach(function (group) {
            var score = {}, seen = {};
            group.items.forEach(function (m) {
              var entry = m[2], idf = entry[0] / 1000;
              for (var k = 1; k < entry.length; k += 2) {
                var value = idf * entry[k + 1] / 1000 * m[1], doc = entry[k];
                if (group.all) {
                  seen[doc] = (seen[doc] || 0) + 1;
                  score[doc] = (score[doc] || 0) + value;
                } else if (!(score[doc] >= value)) { score[doc] = value; }
              }
            });
            Object.keys(score).forEach(function (doc) {
              if (group.all && seen[doc] !== group.items.length) { return; }
              if (!(best[doc] >= score[doc])) { best[doc] = score[doc]; }
            });
          });
          Object.keys(best).forEach(function (doc) {
            total[doc] = (total[doc] || 0) + best[doc];
            covered[doc] = (covered[doc] || 0) + weight;
          });
        });
        var ranked = Object.keys(total).map(function (doc) {
          return [Number(doc), total[doc] * Math.pow(covered[doc] / weights, COVERAGE)];
        }).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
        if (options && options.nummers) { return { aantal: ranked.length, nummers: ranked.map(function (r) { return r[0]; }) }; }
        var shown = ranked.slice(0, limit);
        var chunks = {};
        shown.forEach(function (r) { chunks[Math.floor(r[0] / manifest.per_deel)] = true; });
        return Promise.all(Object.keys(chunks).map(function (c) {
          return self.part("d/" + c).then(function (docs) { chunks[c] = docs; });
        })).then(function () {
          return {
            aantal: ranked.length,
            woorden: qs.map(function (q) { return q.word; }),
            resultaten: shown.map(function (r) {
              var d = chunks[Math.floor(r[0] / manifest.per_deel)][r[0] % manifest.per_deel];
              return { url: d[0], titel: d[1], soort: d[2], regel: d[3], score: r[1] };
            })
          };
        });
      });
    });
  };

  var api = { fold: fold, words: words, shardKey: shardKey, distance: distance, withinOne: withinOne, Engine: Engine };
  if (typeof module === "object" && module.exports) { module.exports = api; }
  if (typeof document === "undefined") { return; }

  // ---------------------------------------------------------------- the page

  var script = document.currentScript;
  var base = script ? script.src.replace(/assets\/javascripts\/zoeken\.js(\?.*)?$/, "") : "";
  var waiting = {};

  root.WijkkompasZoek = {
    deel: function (name, data) {
      if (waiting[name]) { waiting[name](data); delete waiting[name]; }
    }
  };

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.async = true;
      tag.onload = function () { resolve(); };
      tag.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(tag);
    });
  }

  function loadPart(name) {
    return new Promise(function (resolve, reject) {
      waiting[name] = resolve;
      loadScript(base + "zoekindex/" + name + ".js").then(function () {
        if (waiting[name]) { delete waiting[name]; reject(new Error(name)); }
      }, reject);
    });
  }

  var engine = null;
  function start() {
    if (!engine) {
      engine = loadScript(base + "assets/javascripts/vendor/snowball/dutch.js").then(function () {
        var made = new Engine(loadPart, root.WijkkompasStemmer.stemWord);
        made.manifest();  // while the visitor types
        return made;
      });
    }
    return engine;
  }

  var SOORT = {
    casus: "Casus", bouwsteen: "Bouwsteen", stap: "Stap", tip: "Tip", kader: "Kader",
    thema: "Thema", begrip: "Begrip", bron: "Bron", overzicht: "Overzicht"
  };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function setUp(box) {
    var input = box.querySelector("[data-wk-zoek-invoer]");
    var list = box.querySelector("[data-wk-zoek-lijst]");
    var meta = box.querySelector("[data-wk-zoek-meta]");
    var toggle = document.getElementById("__search");
    var form = box.querySelector("form");
    var counter = 0;

    function open() { if (toggle && !toggle.checked) { toggle.checked = true; } }
    function close() { if (toggle) { toggle.checked = false; } input.blur(); }

    function show(result, query) {
      list.textContent = "";
      meta.setAttribute("data-wk-zoek-voor", query);
      if (!result.resultaten.length) {
        meta.textContent = "Niets gevonden voor ‘" + query + "’. Probeer een ander of korter woord.";
        return;
      }
      meta.textContent = result.aantal === 1 ? "1 pagina gevonden" :
        result.aantal + " pagina's gevonden" + (result.aantal > result.resultaten.length ? ", de beste " + result.resultaten.length + ":" : "");
      result.resultaten.forEach(function (r) {
        var link = el("a", { href: base + r.url, class: "md-search-result__link" });
        var article = el("article", { class: "md-search-result__article md-typeset" });
        article.appendChild(el("p", { class: "wk-zoek-soort" }, SOORT[r.soort] || r.soort));
        article.appendChild(el("h2", { class: "wk-zoek-titel" }, r.titel));
        if (r.regel) { article.appendChild(el("p", { class: "wk-zoek-regel" }, r.regel)); }
        link.appendChild(article);
        var item = el("li", { class: "md-search-result__item" });
        item.appendChild(link);
        list.appendChild(item);
      });
    }

    function run() {
      var query = input.value.trim();
      var mine = ++counter;
      if (!query) { list.textContent = ""; meta.textContent = "Typ een woord om te zoeken"; return; }
      start().then(function (e) { return e.search(query); }).then(function (result) {
        if (mine === counter) { show(result, query); }
      }, function () {
        if (mine === counter) { meta.textContent = "Zoeken lukt nu niet; laad de pagina opnieuw."; }
      });
    }

    var timer = null;
    input.addEventListener("focus", function () { open(); start(); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) { first.click(); } else { run(); }
    });
    form.addEventListener("reset", function () { list.textContent = ""; meta.textContent = "Typ een woord om te zoeken"; input.focus(); });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { close(); return; }
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") { return; }
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      if (!links.length) { return; }
      var at = links.indexOf(document.activeElement);
      var next = event.key === "ArrowDown" ? (at + 1) % links.length : (at <= 0 ? -1 : at - 1);
      event.preventDefault();
      if (next === -1) { input.focus(); } else { links[next].focus(); }
    });
    if (toggle) {
      toggle.addEventListener("change", function () { if (toggle.checked) { input.focus(); } });
    }
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        open();
        input.focus();
      }
    });
  }

  // For the filter lists (filter.js): the numbers of the pages a text finds.
  root.WijkkompasZoeken = {
    nummers: function (query) {
      return start().then(function (e) { return e.search(query, { nummers: true }); })
        .then(function (result) { return result.nummers || []; });
    }
  };

  var box = document.querySelector("[data-wk-zoek]");
  if (box) { setUp(box); }
})(typeof globalThis !== "undefined" ? globalThis : this);
