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

  // ---------- screens ----------
  function focusHeading(container, selector, keepScroll) {
    var target = (selector && container.querySelector(selector)) || container.querySelector("h2");
    if (!target) { return; }
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    if (!keepScroll) { root.scrollIntoView(); }
    target.focus({ preventScroll: true });
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

  // What a submission lacks, as {titel, tekst} for the error box, or null when it can go on.
  // The limit's wording comes from advies.js, the same the engine refuses with.
  function submissionProblem(vraag, picked) {
    if (!picked.length) {
      return { titel: "U heeft nog geen antwoord gekozen",
        tekst: (vraag.type === "een" ? "Kies een antwoord" : "Kies minstens één antwoord") +
          ", of kies ‘Overslaan’ als u deze vraag wilt overslaan." };
    }
    if (vraag.max_keuzes && picked.length > vraag.max_keuzes) {
      return { titel: "Te veel antwoorden gekozen",
        tekst: WijkkompasAdvies.limitMessage(vraag) + ". U koos er " + picked.length + "; zet er " +
          (picked.length - vraag.max_keuzes) + " uit." };
    }
    return null;
  }

  // `error` ({titel, tekst}) and `picked` (the boxes ticked when it was sent) come
  // from a refused submission; the choices stay as the user left them.
  function renderQuestion(container, vraag, answers, route, error, picked) {
    var position = route.indexOf(vraag.id) + 1;
    var chosen = picked || answers[vraag.id] || [];
    var progress = el("p", { class: "wk-voortgang", text: "Vraag " + position + " van ongeveer " + route.length });
    var form = el("form", { class: "wk-vraag", novalidate: "" });
    if (error) {
      // The GOV.UK error summary: a title, and a link that moves to the first answer.
      var jump = link(error.tekst, "#wk-optie-0");
      jump.addEventListener("click", function (event) {
        event.preventDefault();  // a real jump would change the fragment, which holds the answers
        form.querySelector("input").focus();
      });
      form.appendChild(el("div", { class: "admonition failure wk-fout", role: "alert", tabindex: "-1" }, [
        el("p", { class: "admonition-title", text: error.titel }),
        el("p", {}, [jump])
      ]));
    }
    var legend = el("legend", {}, [el("h2", { text: vraag.tekst })]);
    var fieldset = el("fieldset", {}, [legend]);
    var described = [];
    if (vraag.uitleg) {
      fieldset.appendChild(el("p", { class: "wk-uitleg", id: "wk-uitleg", text: vraag.uitleg }));
      described.push("wk-uitleg");
    }
    fieldset.appendChild(el("p", { class: "wk-hint", id: "wk-hint", text: WijkkompasAdvies.choiceHint(vraag) }));
    described.push("wk-hint");
    if (error) {
      fieldset.appendChild(el("p", { class: "wk-foutmelding", id: "wk-foutmelding", text: error.tekst }));
      described.push("wk-foutmelding");
    }
    fieldset.setAttribute("aria-describedby", described.join(" "));
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
      var problem = submissionProblem(vraag, picked);
      if (problem) {
        renderInto(function (c) { renderQuestion(c, vraag, answers, route, problem, picked); }, ".wk-fout");
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
    var next = WijkkompasAdvies.nextQuestion(vraag, answers[vraag.id]);
    // The history entry being left gets the answer just given, so the browser's
    // Back button returns to this question with that answer still selected.
    history.replaceState(null, "", stateHash(answers, vraag.id));
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

  // ---------- the advice ----------
  // Section, heading, and the kind whose one-line explanation goes under the heading.
  var SECTIONS = [["bouwstenen", "Bouwstenen om op te letten", "bouwsteen"], ["tips", "Tips", "tip"],
    ["casussen", "Casussen die op uw situatie lijken", "casus"], ["kaders", "Kaders", "kader"]];
  var NO_ADVICE = "U heeft nog geen vragen beantwoord, dus er is nog geen advies.";

  function itemName(item) { return item.naam || item.titel; }
  // A valkuil among the tips is shown as the warning it is.
  function itemHeading(item) { return item.waarschuwing || itemName(item); }

  function reason(item) {
    return el("p", { class: "wk-waarom" }, [el("strong", { text: "Waarom: " }), el("span", { class: "wk-reden", text: item.waarom })]);
  }

  function itemBlock(item, heading) {
    var block = el("li", { class: item.waarschuwing ? "wk-item wk-valkuil" : "wk-item" }, [
      el("p", { class: "wk-kop" }, [link(heading || itemHeading(item), base + item.url)])
    ]);
    if (item.regel) { block.appendChild(el("p", { class: "wk-regel", text: item.regel })); }
    if (item.waarom) { block.appendChild(reason(item)); }
    return block;
  }

  // The same text as `wijkkompas advise --format markdown` (present.advice_as_markdown),
  // with this site's address in the links, plus the link to this advice.
  function markdown(result) {
    function esc(text) { return text.replace(/([\\`*_\[\]<>#|])/g, "\\$1"); }
    function md(i, text) { return "[" + esc(text || itemName(i)) + "](" + base + i.url + ")"; }
    var summary = result.samenvatting;
    var out = ["# Advies van Wijkkompas", "", "## Samenvatting", ""];
    var opening = [summary.situatie, summary.stap].filter(function (t) { return t; }).map(esc);
    out = out.concat(opening.length ? opening : [NO_ADVICE]);
    if (summary.acties.length) {
      out.push("", "**Wat u eerst kunt doen:**", "");
      summary.acties.forEach(function (a, n) { out.push((n + 1) + ". " + esc(a.tekst) + " (uit " + md(a, a.bij) + ")"); });
    }
    if (result.waarschuwingen.length) {
      out.push("", "## Pas op", "");
      result.waarschuwingen.forEach(function (w) {
        out.push("- **" + md(w, w.waarschuwing) + "**  \n  " + esc(w.regel) + "  \n  *Waarom:* " + esc(w.waarom));
      });
    }
    if (result.stap) {
      out.push("", "## Waar u staat", "", "*" + esc(result.uitleg.stap) + "*", "",
        "- **Stap: " + md(result.stap) + "**  \n  " + esc(result.stap.regel) + "  \n  *Waarom:* " + esc(result.stap.waarom));
      if (result.volgende_stap) {
        out.push("- **Daarna: " + md(result.volgende_stap) + "**  \n  " + esc(result.volgende_stap.regel));
      }
    }
    SECTIONS.forEach(function (s) {
      if (!result[s[0]].length) { return; }
      out.push("", "## " + s[1], "", "*" + esc(result.uitleg[s[2]]) + "*", "");
      result[s[0]].forEach(function (i, n) {
        out.push((n + 1) + ". **" + md(i, itemHeading(i)) + "**  \n   " + esc(i.regel) + "  \n   *Waarom:* " + esc(i.waarom));
      });
    });
    out.push("", "## Uw antwoorden", "");
    if (!result.antwoorden.length) { out.push("- (geen)"); }
    result.antwoorden.forEach(function (a) { out.push("- " + esc(a.vraag_tekst) + " **" + esc(a.optie_tekst) + "**"); });
    out.push("", "Link naar dit advies: " + window.location.href);
    return out.join("\n") + "\n";
  }

  function renderResult(container, result) {
    var summary = result.samenvatting;
    container.appendChild(el("h2", { text: "Uw advies" }));
    var opening = el("section", { class: "wk-samenvatting", "aria-labelledby": "wk-samenvatting-kop" },
      [el("h3", { id: "wk-samenvatting-kop", text: "Samenvatting" })]);
    if (summary.situatie) { opening.appendChild(el("p", { class: "wk-situatie", text: summary.situatie })); }
    if (summary.stap) { opening.appendChild(el("p", { class: "wk-stap-zin", text: summary.stap })); }
    if (!result.antwoorden.length) { opening.appendChild(el("p", { text: NO_ADVICE })); }
    if (summary.acties.length) {
      opening.appendChild(el("h4", { text: "Wat u eerst kunt doen" }));
      opening.appendChild(el("ol", { class: "wk-acties" }, summary.acties.map(function (a) {
        return el("li", {}, [el("span", { class: "wk-actie", text: a.tekst }), document.createTextNode(" "),
          el("span", { class: "wk-bron" }, [document.createTextNode("(uit "), link(a.bij, base + a.url), document.createTextNode(")")])]);
      })));
    }
    container.appendChild(opening);
    if (result.waarschuwingen.length) {
      container.appendChild(el("div", { class: "admonition warning wk-waarschuwingen" }, [
        el("p", { class: "admonition-title", text: "Pas op" }),
        el("ul", { class: "wk-lijst" }, result.waarschuwingen.map(function (w) { return itemBlock(w, w.waarschuwing); }))
      ]));
    }
    if (result.stap) {
      var where = el("section", { class: "wk-stap", "aria-labelledby": "wk-stap-kop" }, [
        el("h3", { id: "wk-stap-kop", text: "Waar u staat" }),
        el("p", { class: "wk-uitleg-soort", text: result.uitleg.stap })
      ]);
      var steps = [itemBlock(result.stap, "Stap: " + result.stap.naam)];
      if (result.volgende_stap) {
        var next = itemBlock({ naam: result.volgende_stap.naam, url: result.volgende_stap.url, regel: result.volgende_stap.regel },
          "Daarna: " + result.volgende_stap.naam);
        steps.push(next);
      }
      where.appendChild(el("ul", { class: "wk-lijst" }, steps));
      container.appendChild(where);
    }
    SECTIONS.forEach(function (s) {
      if (!result[s[0]].length) { return; }
      container.appendChild(el("h3", { text: s[1] }));
      container.appendChild(el("p", { class: "wk-uitleg-soort", text: result.uitleg[s[2]] }));
      container.appendChild(el("ol", { class: "wk-lijst" }, result[s[0]].map(function (i) { return itemBlock(i); })));
    });
    // The answers are part of the advice on paper too (print), not only in the address bar.
    container.appendChild(el("h3", { text: "Uw antwoorden" }));
    var answers = el("dl", { class: "wk-overzicht wk-antwoorden" });
    result.antwoorden.forEach(function (a) {
      answers.appendChild(el("dt", { text: a.vraag_tekst }));
      answers.appendChild(el("dd", { text: a.optie_tekst }));
    });
    container.appendChild(result.antwoorden.length ? answers : el("p", { text: "(geen)" }));
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

  var firstRender = true;
  function renderInto(fill, focusSelector) {
    var container = el("div", { class: "wk-scherm" });
    fill(container);
    root.replaceChildren(container);
    // On arrival the page stays at its top, so the introduction is read first.
    focusHeading(container, focusSelector, firstRender);
    firstRender = false;
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
    var intro = document.getElementById("wk-inleiding");
    if (intro) { intro.hidden = !(screen === data.start && !result.antwoorden.length); }
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
