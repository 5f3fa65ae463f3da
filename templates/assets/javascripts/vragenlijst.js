/*
 * Wijkkompas "Hulp bij kiezen": one question per screen (the GOV.UK question-page
 * pattern), a summary to check and change answers, and the advice with its reasons.
 *
 * - State lives in the URL fragment (#rol=bewoner&thema=zorg,groen&scherm=resultaat),
 *   never in a query string: a fragment is not sent to any server, so answers
 *   stay in the browser, and a shared link reproduces the same result.
 * - Nothing from the URL or the data is ever inserted as HTML: every text goes
 *   through textContent.
 * - The advice itself comes from advies.js (window.WijkkompasAdvies), the same
 *   engine the CLI runs.
 */
(function () {
  "use strict";

  var root = document.getElementById("wk-vragenlijst");
  if (!root || !window.WijkkompasAdvies) { return; }
  var script = document.currentScript || document.querySelector("script[src*='vragenlijst.js']");
  var base = script.src.replace(/assets\/javascripts\/vragenlijst\.js.*$/, "");
  var data = null;
  var SCREEN = "scherm";

  // ---------- small DOM helpers (text only, never innerHTML) ----------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; }
      else if (key === "class") { node.className = attrs[key]; }
      else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }
  function link(text, href) { return el("a", { href: href, text: text }); }
  function button(text, onClick, cls) {
    var b = el("button", { type: "button", class: "md-button" + (cls ? " " + cls : ""), text: text });
    b.addEventListener("click", onClick);
    return b;
  }

  // ---------- state <-> URL fragment ----------
  // A link is read only up to these bounds, so a crafted link cannot make the page
  // do unbounded work. A link the site writes has one part per question plus
  // `scherm` (20 parts, about 1,250 characters, for 19 questions with 103 options):
  // the bounds leave room for the questionnaire to grow several times over.
  var MAX_LINK_PARTS = 200;
  var MAX_LINK_CHARS = 8000;

  // Returns the answers and screen the link asks for, how many of its parts could
  // not be read at all (`unreadable`), and whether the link was cut off (`truncated`).
  function readState() {
    var answers = {}, screen = null, unreadable = 0, raw = window.location.hash.replace(/^#/, "");
    var truncated = raw.length > MAX_LINK_CHARS;
    var parts = raw.slice(0, MAX_LINK_CHARS).split("&");
    if (parts.length > MAX_LINK_PARTS) { truncated = true; parts = parts.slice(0, MAX_LINK_PARTS); }
    parts.forEach(function (part) {
      if (!part) { return; }
      var eq = part.indexOf("="), key, value;
      try {
        key = decodeURIComponent(eq === -1 ? part : part.slice(0, eq));
        value = eq === -1 ? "" : decodeURIComponent(part.slice(eq + 1));
      } catch (e) { unreadable += 1; return; }
      if (key === SCREEN) { screen = value; return; }
      if (!/^[a-z0-9-]{1,80}$/.test(key)) { unreadable += 1; return; }
      answers[key] = value.split(",").filter(function (v) { return v; });
    });
    return { answers: answers, screen: screen, unreadable: unreadable, truncated: truncated };
  }

  function stateHash(answers, screen) {
    var parts = [];
    data.vragen.forEach(function (v) {
      if (answers[v.id] && answers[v.id].length) {
        parts.push(encodeURIComponent(v.id) + "=" + answers[v.id].map(encodeURIComponent).join(","));
      }
    });
    if (screen) { parts.push(SCREEN + "=" + encodeURIComponent(screen)); }
    return "#" + parts.join("&");
  }

  function writeState(answers, screen, replace) {
    var hash = stateHash(answers, screen);
    if (replace) { history.replaceState(null, "", hash); } else { history.pushState(null, "", hash); }
    render();
  }

  function questionById(id) {
    for (var i = 0; i < data.vragen.length; i++) { if (data.vragen[i].id === id) { return data.vragen[i]; } }
    return null;
  }

  function nextAfter(vraag, answers) {
    var chosen = answers[vraag.id] || [];
    if (vraag.type === "een" && chosen.length) {
      var optie = vraag.opties.filter(function (o) { return o.id === chosen[0]; })[0];
      if (optie && optie.volgende) { return optie.volgende; }
    }
    return vraag.volgende;
  }

  // ---------- screens ----------
  function focusHeading(container) {
    var h = container.querySelector("h2");
    if (h) { h.setAttribute("tabindex", "-1"); h.focus(); }
  }

  // What the link held that the page could not use is reported by count only: the
  // link may come from anyone, and its words must not appear in the site's own voice.
  function noticeIgnored(container, skipped, truncated) {
    if (!skipped && !truncated) { return; }
    var texts = [];
    if (skipped) {
      texts.push(skipped === 1 ?
        "1 antwoord in deze link kennen we niet of past niet bij de vragenlijst; dat is overgeslagen." :
        skipped.toLocaleString("nl-NL") + " antwoorden in deze link kennen we niet of passen niet bij de vragenlijst; die zijn overgeslagen.");
    }
    if (truncated) {
      texts.push("De link is langer dan een link van deze vragenlijst kan zijn; alleen het begin is gelezen.");
    }
    texts.push("Controleer uw antwoorden, of vraag wie u de link stuurde om een nieuwe.");
    container.appendChild(el("div", { class: "admonition warning", role: "alert" },
      [el("p", { class: "admonition-title", text: "Een deel van de link is niet herkend" })]
        .concat(texts.map(function (text) { return el("p", { text: text }); }))));
  }

  function renderQuestion(container, vraag, answers, route, error) {
    var position = route.indexOf(vraag.id) + 1;
    var chosen = answers[vraag.id] || [];
    var progress = el("p", { class: "wk-voortgang", text: "Vraag " + position + " van ongeveer " + route.length });
    var form = el("form", { class: "wk-vraag", novalidate: "" });
    if (error) {
      form.appendChild(el("div", { class: "admonition failure", role: "alert" }, [
        el("p", { class: "admonition-title", text: "Er ging iets mis" }),
        el("p", {}, [link(error, "#wk-optie-0")])
      ]));
    }
    var legend = el("legend", {}, [el("h2", { text: vraag.tekst })]);
    var fieldset = el("fieldset", {}, [legend]);
    if (vraag.uitleg) {
      fieldset.appendChild(el("p", { class: "wk-uitleg", id: "wk-uitleg", text: vraag.uitleg }));
      fieldset.setAttribute("aria-describedby", "wk-uitleg");
    }
    fieldset.appendChild(el("p", { class: "wk-hint", text: vraag.type === "een" ? "Kies één antwoord." : "Kies alles wat van toepassing is." }));
    vraag.opties.forEach(function (optie, index) {
      var id = "wk-optie-" + index;
      var input = el("input", { type: vraag.type === "een" ? "radio" : "checkbox", name: "antwoord", id: id, value: optie.id });
      if (chosen.indexOf(optie.id) !== -1) { input.checked = true; }
      var label = el("label", { for: id, text: optie.tekst });
      var row = el("div", { class: "wk-optie" }, [input, label]);
      if (optie.uitleg) { row.appendChild(el("p", { class: "wk-uitleg", text: optie.uitleg })); }
      fieldset.appendChild(row);
    });
    form.appendChild(fieldset);
    var nav = el("div", { class: "wk-knoppen" });
    nav.appendChild(el("button", { type: "submit", class: "md-button md-button--primary", text: "Volgende" }));
    nav.appendChild(button("Overslaan", function () {
      var copy = JSON.parse(JSON.stringify(answers));
      delete copy[vraag.id];
      go(vraag, copy);
    }));
    form.appendChild(nav);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var picked = Array.prototype.filter.call(form.querySelectorAll("input[name=antwoord]"), function (i) { return i.checked; })
        .map(function (i) { return i.value; });
      if (!picked.length) {
        renderInto(function (c) {
          renderQuestion(c, vraag, answers, route, vraag.type === "een" ? "Kies een antwoord, of kies ‘Overslaan’." : "Kies minstens één antwoord, of kies ‘Overslaan’.");
        });
        return;
      }
      var copy = JSON.parse(JSON.stringify(answers));
      copy[vraag.id] = picked;
      go(vraag, copy);
    });
    if (position > 1) {
      // Back to the previous question on the route, keeping every answer given so far.
      var previous = route[position - 2];
      var back = link("Terug", "#");
      back.className = "wk-terug";
      back.addEventListener("click", function (event) { event.preventDefault(); writeState(answers, previous); });
      container.appendChild(back);
    }
    container.appendChild(progress);
    container.appendChild(form);
  }

  // Set when the user changes an answer from the summary: after that answer,
  // return to the summary instead of walking the rest of the questions again.
  var changingFromSummary = false;

  function go(vraag, answers) {
    // Answers to questions that the new route skips are dropped, so the state stays valid.
    var route = WijkkompasAdvies.route(data, answers);
    Object.keys(answers).forEach(function (k) { if (route.indexOf(k) === -1) { delete answers[k]; } });
    var next = nextAfter(vraag, answers);
    if (changingFromSummary || next === "resultaat") {
      changingFromSummary = false;
      writeState(answers, "overzicht");
    } else {
      writeState(answers, next);
    }
  }

  function renderSummary(container, answers, route) {
    container.appendChild(el("h2", { text: "Controleer uw antwoorden" }));
    var list = el("dl", { class: "wk-overzicht" });
    route.forEach(function (id) {
      var vraag = questionById(id);
      var chosen = (answers[id] || []).map(function (o) {
        return vraag.opties.filter(function (x) { return x.id === o; })[0].tekst;
      });
      var change = link("Wijzigen", "#");
      change.setAttribute("aria-label", "Wijzig uw antwoord op: " + vraag.tekst);
      change.addEventListener("click", function (event) {
        event.preventDefault();
        changingFromSummary = true;
        writeState(answers, id);
      });
      list.appendChild(el("dt", { text: vraag.tekst }));
      list.appendChild(el("dd", {}, [el("span", { text: chosen.length ? chosen.join(", ") : "(overgeslagen) " }), document.createTextNode(" "), change]));
    });
    container.appendChild(list);
    container.appendChild(el("div", { class: "wk-knoppen" }, [
      button("Toon het advies", function () { writeState(answers, "resultaat"); }, "md-button--primary")
    ]));
  }

  function itemBlock(item) {
    var title = item.naam || item.titel;
    var block = el("li", {}, [link(title, base + item.url)]);
    if (item.soort === "valkuil") { block.appendChild(document.createTextNode(" (valkuil)")); }
    if (item.waarom) { block.appendChild(el("p", { class: "wk-waarom", text: item.waarom })); }
    return block;
  }

  function markdown(result) {
    function name(i) { return i.naam || i.titel; }
    function md(i) { return "[" + name(i) + "](" + base + i.url + ")"; }
    var out = ["# Advies van Wijkkompas", "", "## Uw antwoorden", ""];
    result.antwoorden.forEach(function (a) { out.push("- " + a.vraag_tekst + " **" + a.optie_tekst + "**"); });
    if (result.stap) {
      out.push("", "## Waar u staat", "", "U zit waarschijnlijk in de stap " + md(result.stap) + ".", "", "*" + result.stap.waarom + "*");
      if (result.volgende_stap) { out.push("", "De volgende stap is " + md(result.volgende_stap) + "."); }
    }
    SECTIONS.forEach(function (s) {
      if (!result[s[0]].length) { return; }
      out.push("", "## " + s[1], "");
      result[s[0]].forEach(function (i, n) { out.push((n + 1) + ". " + md(i) + "  ", "   *" + i.waarom + "*"); });
    });
    if (result.waarschuwingen.length) {
      out.push("", "## Let op", "");
      result.waarschuwingen.forEach(function (w) { out.push("- " + md(w) + ": " + w.waarom); });
    }
    out.push("", "Link naar dit advies: " + window.location.href);
    return out.join("\n") + "\n";
  }

  var SECTIONS = [["bouwstenen", "Bouwstenen om op te letten"], ["tips", "Tips"],
    ["casussen", "Casussen die op uw situatie lijken"], ["kaders", "Kaders"]];

  function renderResult(container, result) {
    container.appendChild(el("h2", { text: "Uw advies" }));
    if (!result.antwoorden.length) {
      container.appendChild(el("p", { text: "U heeft nog geen vragen beantwoord, dus er is nog geen advies." }));
    }
    if (result.stap) {
      var where = el("section", { class: "wk-stap" }, [el("h3", { text: "Waar u staat" })]);
      var p = el("p", {}, [document.createTextNode("U zit waarschijnlijk in de stap "), link(result.stap.naam, base + result.stap.url), document.createTextNode(".")]);
      where.appendChild(p);
      where.appendChild(el("p", { class: "wk-waarom", text: result.stap.waarom }));
      if (result.volgende_stap) {
        where.appendChild(el("p", {}, [document.createTextNode("Daarna volgt de stap "), link(result.volgende_stap.naam, base + result.volgende_stap.url), document.createTextNode(".")]));
      }
      container.appendChild(where);
    }
    if (result.waarschuwingen.length) {
      container.appendChild(el("div", { class: "admonition warning" }, [
        el("p", { class: "admonition-title", text: "Let op" }),
        el("ul", {}, result.waarschuwingen.map(function (w) {
          return el("li", {}, [link(w.titel, base + w.url), el("p", { class: "wk-waarom", text: w.waarom })]);
        }))
      ]));
    }
    SECTIONS.forEach(function (s) {
      if (!result[s[0]].length) { return; }
      container.appendChild(el("h3", { text: s[1] }));
      container.appendChild(el("ol", { class: "wk-lijst" }, result[s[0]].map(itemBlock)));
    });
    var actions = el("div", { class: "wk-knoppen wk-niet-printen" }, [
      button("Afdrukken / bewaren als PDF", function () { window.print(); }),
      button("Download als Markdown", function () {
        var blob = new Blob([markdown(result)], { type: "text/markdown;charset=utf-8" });
        var a = el("a", { href: URL.createObjectURL(blob), download: "wijkkompas-advies.md" });
        document.body.appendChild(a); a.click(); document.body.removeChild(a);
      }),
      button("Antwoorden wijzigen", function () { writeState(readState().answers, "overzicht"); }),
      button("Opnieuw beginnen", function () { writeState({}, data.start); })
    ]);
    container.appendChild(actions);
    container.appendChild(el("p", { class: "wk-deel wk-niet-printen", text: "Bewaar of deel dit advies met de link in de adresbalk: wie hem opent, ziet hetzelfde advies." }));
  }

  function renderInto(fill) {
    var container = el("div", { class: "wk-scherm" });
    fill(container);
    root.replaceChildren(container);
    focusHeading(container);
  }

  function render() {
    var state = readState();
    var result = WijkkompasAdvies.advise(data, state.answers, false);
    // Keep only what the engine accepted; a tampered URL is corrected, and said so.
    var clean = {};
    result.antwoorden.forEach(function (a) { (clean[a.vraag] = clean[a.vraag] || []).push(a.optie); });
    var route = WijkkompasAdvies.route(data, clean);
    var screen = state.screen;
    // result.genegeerd says what was dropped in words taken from the link; only its length is used.
    var skipped = state.unreadable + result.genegeerd.length;
    if (screen && screen !== "overzicht" && screen !== "resultaat" && route.indexOf(screen) === -1) {
      skipped += 1;
      screen = null;
    }
    if (!screen) { screen = Object.keys(state.answers).length ? "resultaat" : data.start; }
    // The address bar (and the link in a saved advice) keeps only what was understood.
    if (skipped || state.truncated) { history.replaceState(null, "", stateHash(clean, screen)); }
    renderInto(function (container) {
      noticeIgnored(container, skipped, state.truncated);
      if (screen === "resultaat") { renderResult(container, result); }
      else if (screen === "overzicht") { renderSummary(container, clean, route); }
      else { renderQuestion(container, questionById(screen), clean, route, null); }
    });
    document.title = (screen === "resultaat" ? "Uw advies" : screen === "overzicht" ? "Controleer uw antwoorden" : questionById(screen).tekst) + " - Hulp bij kiezen - Wijkkompas";
  }

  // The page loads data/vragenlijst.js before this script; fetch is the fallback.
  var loading = window.WijkkompasVragenlijst ? Promise.resolve(window.WijkkompasVragenlijst) :
    fetch(base + "data/vragenlijst.json").then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    });
  loading
    .then(function (loaded) {
      data = WijkkompasAdvies.decode(loaded);
      var statisch = document.getElementById("wk-vragenlijst-statisch");
      if (statisch) { statisch.hidden = true; }
      root.hidden = false;
      window.addEventListener("popstate", render);
      render();
    })
    .catch(function () {
      root.hidden = false;
      root.replaceChildren(el("p", { role: "alert", text: "De vragenlijst kon niet worden geladen. Hieronder staan de vragen op een rij." }));
    });
}());
