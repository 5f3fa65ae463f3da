/*
 * Wijkkompas filter lists (casusverkenner, tips): facets with counts and a text
 * filter over a list that is complete without JavaScript. The text filter is the
 * site search (zoeken.js, WijkkompasZoeken): an item matches when the search finds
 * its page (data-wk-doc is its number in the index), so the two always agree. The filter state lives
 * in the URL fragment (#thema=armoede&q=tuin), so a link or a reload keeps it; each filter
 * change is a step in the browser's history, so Back undoes it. The facets sit in a panel
 * that is folded on a phone, so the first cards are on the first screen; when nothing
 * matches, buttons offer to drop one filter at a time.
 * Facet labels come from a JSON block written by the generator; every text is
 * set with textContent, never as HTML.
 */
(function () {
  "use strict";

  var config = document.getElementById("wk-facetten");
  var list = document.querySelector("[data-wk-lijst]");
  var form = document.getElementById("wk-filter");
  if (!config || !list || !form) { return; }
  var facets = JSON.parse(config.textContent).facetten;
  var items = Array.prototype.slice.call(list.querySelectorAll("[data-wk-item]"));
  var counter = document.getElementById("wk-aantal");
  var noun = list.getAttribute("data-wk-naam") || "items";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else if (k === "class") { node.className = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }

  function values(item, facet) {
    var raw = item.getAttribute("data-f-" + facet) || "";
    return raw ? raw.split(" ") : [];
  }

  function readState() {
    var state = { q: "" };
    facets.forEach(function (f) { state[f.id] = []; });
    window.location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq < 1) { return; }
      var key, value;
      try { key = decodeURIComponent(part.slice(0, eq)); value = decodeURIComponent(part.slice(eq + 1)); } catch (e) { return; }
      if (key === "q") { state.q = value; }
      else if (Object.prototype.hasOwnProperty.call(state, key)) {
        var known = facets.filter(function (f) { return f.id === key; })[0].opties.map(function (o) { return o.id; });
        state[key] = value.split(",").filter(function (v) { return known.indexOf(v) !== -1; });
      }
    });
    return state;
  }

  // A new history entry for a filter change (Back undoes it); typing replaces the entry.
  function writeState(state, step) {
    var parts = [];
    facets.forEach(function (f) { if (state[f.id].length) { parts.push(f.id + "=" + state[f.id].map(encodeURIComponent).join(",")); } });
    if (state.q) { parts.push("q=" + encodeURIComponent(state.q)); }
    var url = parts.length ? "#" + parts.join("&") : window.location.pathname + window.location.search;
    if (step && url !== (window.location.hash || window.location.pathname + window.location.search)) { history.pushState(null, "", url); }
    else { history.replaceState(null, "", url); }
  }

  // The item numbers the site search finds for the text; null while there is no text.
  var found = null;

  function matches(item, state, skip) {
    if (found && !found[item.getAttribute("data-wk-doc")]) { return false; }
    return facets.every(function (f) {
      if (f.id === skip || !state[f.id].length) { return true; }
      var have = values(item, f.id);
      return state[f.id].some(function (v) { return have.indexOf(v) !== -1; });
    });
  }

  // Build the form once.
  // The field and the panel are in the page (filterlijst.md.j2); the facets go into the panel.
  var search = document.getElementById("wk-zoek");
  var panel = form.querySelector(".wk-filterpaneel");
  var panelTitle = panel.querySelector("summary span");
  var inputs = {};
  // Open on a wide screen; folded on a phone, where it would push every card off the first screen.
  panel.open = !!(window.matchMedia && window.matchMedia("(min-width: 60em)").matches);
  facets.forEach(function (f) {
    var box = el("fieldset", { class: "wk-facet" }, [el("legend", { text: f.label })]);
    inputs[f.id] = {};
    f.opties.forEach(function (o, n) {
      var id = "wk-f-" + f.id + "-" + n;
      var input = el("input", { type: "checkbox", id: id, value: o.id });
      var count = el("span", { class: "wk-telling" });
      inputs[f.id][o.id] = { input: input, count: count, row: null };
      var row = el("div", { class: "wk-facet-optie" }, [input, el("label", { for: id }, [document.createTextNode(o.label + " "), count])]);
      inputs[f.id][o.id].row = row;
      box.appendChild(row);
      input.addEventListener("change", update);
    });
    panel.appendChild(el("details", { class: "wk-facet-groep" }, [el("summary", { text: f.label }), box]));
  });
  function emptyState() {
    var empty = { q: "" };
    facets.forEach(function (f) { empty[f.id] = []; });
    return empty;
  }
  function go(state) { writeState(state, true); apply(state); }
  var reset = el("button", { type: "button", class: "md-button", text: "Wis alle filters" });
  reset.addEventListener("click", function () { go(emptyState()); });
  panel.appendChild(reset);
  // Shown when nothing matches: one button per filter that is on, to drop just that one.
  var none = el("div", { class: "wk-geen", hidden: "" });
  counter.parentNode.insertBefore(none, counter.nextSibling);
  search.addEventListener("input", function () { var state = current(); writeState(state, false); apply(state); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });

  function current() {
    var state = { q: search.value.trim() };
    facets.forEach(function (f) {
      state[f.id] = f.opties.map(function (o) { return o.id; }).filter(function (id) { return inputs[f.id][id].input.checked; });
    });
    return state;
  }

  function update() { go(current()); }

  function label(f, id) { return f.opties.filter(function (o) { return o.id === id; })[0].label; }

  function widen(state) {
    while (none.firstChild) { none.removeChild(none.firstChild); }
    none.appendChild(el("p", { text: "Geen " + noun + " passen bij alles wat u koos. Laat één filter los:" }));
    var buttons = el("div", { class: "wk-geen__knoppen" });
    function button(text, next) {
      var b = el("button", { type: "button", class: "md-button", text: text });
      b.addEventListener("click", function () { go(next); });
      buttons.appendChild(b);
    }
    if (state.q) { button("Zonder zoektekst ‘" + state.q + "’", Object.assign({}, state, { q: "" })); }
    facets.forEach(function (f) {
      state[f.id].forEach(function (id) {
        var next = Object.assign({}, state);
        next[f.id] = state[f.id].filter(function (v) { return v !== id; });
        button("Zonder " + f.label.toLowerCase() + ": " + label(f, id), next);
      });
    });
    button("Wis alle filters", emptyState());
    none.appendChild(buttons);
  }

  var asked = 0;
  function apply(state) {
    var mine = ++asked;
    search.value = state.q;
    if (!state.q) { found = null; show(state); return; }
    var engine = window.WijkkompasZoeken;
    if (!engine) { counter.textContent = "Zoeken lukt nu niet; laad de pagina opnieuw."; return; }
    engine.nummers(state.q).then(function (numbers) {
      if (mine !== asked) { return; }
      found = {};
      numbers.forEach(function (n) { found[n] = true; });
      show(state);
    }, function () {
      if (mine === asked) { counter.textContent = "Zoeken lukt nu niet; laad de pagina opnieuw."; }
    });
  }

  function show(state) {
    var shown = 0;
    items.forEach(function (item) {
      var ok = matches(item, state, null);
      item.hidden = !ok;
      if (ok) { shown += 1; }
    });
    facets.forEach(function (f) {
      f.opties.forEach(function (o) {
        var entry = inputs[f.id][o.id];
        entry.input.checked = state[f.id].indexOf(o.id) !== -1;
        var n = items.filter(function (item) { return matches(item, state, f.id) && values(item, f.id).indexOf(o.id) !== -1; }).length;
        entry.count.textContent = "(" + n + ")";
      });
      var group = form.querySelectorAll(".wk-facet-groep")[facets.indexOf(f)];
      if (state[f.id].length) { group.open = true; }
    });
    counter.textContent = shown + " van " + items.length + " " + noun + " getoond";
    counter.setAttribute("data-wk-voor", state.q);
    var active = facets.reduce(function (n, f) { return n + state[f.id].length; }, 0);
    panelTitle.textContent = active ? "Filters (" + active + " aan)" : "Filters";
    none.hidden = shown > 0;
    if (!shown) { widen(state); }
  }

  window.addEventListener("hashchange", function () { apply(readState()); });
  window.addEventListener("popstate", function () { apply(readState()); });
  apply(readState());
}());
