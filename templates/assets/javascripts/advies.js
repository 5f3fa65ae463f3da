/*
 * Wijkkompas advice engine: a line-by-line port of generator/questionnaire/advice.py.
 * It only adds and sorts the integers in data/vragenlijst.json, so the browser and
 * the CLI give identical results; tests/test_questionnaire_parity.py checks that
 * on hundreds of answer sets under node. Keep the two files in step.
 * Runs in the browser (window.WijkkompasAdvies) and under node (module.exports).
 */
(function (root) {
  "use strict";

  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  function questions(data) {
    var byId = {};
    data.vragen.forEach(function (v) { byId[v.id] = v; });
    return byId;
  }

  // The routing rule, once for the site (mirrors routing.next_question and routing.route):
  // an answered single-choice question follows its option's `volgende` when it has one;
  // otherwise, and for an unanswered question, the question's own.
  function nextQuestion(vraag, chosen) {
    if (vraag.type === "een" && chosen && chosen.length) {
      var optie = vraag.opties.filter(function (o) { return o.id === chosen[0]; })[0];
      if (optie) { return optie.volgende || vraag.volgende; }
    }
    return vraag.volgende;
  }

  function route(data, answers) {
    var byId = questions(data), path = [], current = data.start;
    while (current !== "resultaat" && path.indexOf(current) === -1) {
      path.push(current);
      current = nextQuestion(byId[current], answers[current] || []);
    }
    return path;
  }

  // A question's limit in words (mirrors advice.limit_message): the one wording the page uses.
  var NUMBER_WORDS = ["nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
    "elf", "twaalf"];
  function limitMessage(vraag) {
    var limit = vraag.max_keuzes;
    var number = limit < NUMBER_WORDS.length ? NUMBER_WORDS[limit] : String(limit);
    return "Kies hoogstens " + number + " " + (vraag.keuzenaam || "antwoorden");
  }

  // The hint under a question (mirrors advice.choice_hint).
  function choiceHint(vraag) {
    if (vraag.type === "een") { return "Kies één antwoord."; }
    if (vraag.max_keuzes) { return limitMessage(vraag) + "."; }
    return "Kies alles wat van toepassing is.";
  }

  function AdviceError(message) { this.name = "AdviceError"; this.message = message; }
  AdviceError.prototype = Object.create(Error.prototype);

  function normaliseAnswers(data, answers, strict) {
    var byId = questions(data), clean = {}, dropped = [];
    function problem(message) {
      if (strict) { throw new AdviceError(message); }
      dropped.push(message);
    }
    Object.keys(answers).forEach(function (vraagId) {
      var vraag = Object.prototype.hasOwnProperty.call(byId, vraagId) ? byId[vraagId] : null;
      if (!vraag) { problem("onbekende vraag '" + vraagId + "'"); return; }
      var known = vraag.opties.map(function (o) { return o.id; }), picked = [];
      (answers[vraagId] || []).forEach(function (optieId) {
        if (known.indexOf(optieId) === -1) {
          problem("onbekend antwoord '" + optieId + "' bij vraag '" + vraagId + "' (kies uit: " + known.join(", ") + ")");
        } else if (picked.indexOf(optieId) === -1) {
          picked.push(optieId);
        }
      });
      if (vraag.type === "een" && picked.length > 1) {
        problem("bij vraag '" + vraagId + "' past maar één antwoord");
        picked = picked.slice(0, 1);
      }
      if (vraag.max_keuzes && picked.length > vraag.max_keuzes) {
        problem(limitMessage(vraag) + " bij vraag '" + vraagId + "' (u koos er " + picked.length + ")");
        picked = picked.slice(0, vraag.max_keuzes);
      }
      if (picked.length) {
        clean[vraagId] = picked.sort(function (a, b) { return known.indexOf(a) - known.indexOf(b); });
      }
    });
    var onRoute = route(data, clean);
    data.vragen.forEach(function (v) {
      if (clean[v.id] && onRoute.indexOf(v.id) === -1) {
        problem("vraag '" + v.id + "' wordt door uw andere antwoorden overgeslagen");
        delete clean[v.id];
        onRoute = route(data, clean);
      }
    });
    var ordered = {};
    data.vragen.forEach(function (v) { if (clean[v.id]) { ordered[v.id] = clean[v.id]; } });
    return { answers: ordered, dropped: dropped };
  }

  function chosenOptions(data, answers) {
    var pairs = [];
    data.vragen.forEach(function (vraag) {
      vraag.opties.forEach(function (optie) {
        if ((answers[vraag.id] || []).indexOf(optie.id) !== -1) { pairs.push([vraag, optie]); }
      });
    });
    return pairs;
  }

  // The path from the answer's nearest effect to target, along its breadth-first tree.
  function findPath(optie, target) {
    var path = [target];
    while (Object.prototype.hasOwnProperty.call(optie.ouders, path[path.length - 1])) {
      path.push(optie.ouders[path[path.length - 1]]);
    }
    return path.reverse();
  }

  // data/vragenlijst.json refers to nodes by position in the sorted knopen list;
  // restore the form the engine works on (mirrors generator/questionnaire/wire.py).
  function decode(wire) {
    var order = wire.knopen.map(function (k) { return k.id; }), knopen = {};
    wire.knopen.forEach(function (k) {
      var info = {};
      Object.keys(k).forEach(function (key) { if (key !== "id") { info[key] = k[key]; } });
      knopen[k.id] = info;
    });
    var vragen = wire.vragen.map(function (vraag) {
      var copy = Object.assign({}, vraag);
      copy.opties = vraag.opties.map(function (optie) {
        var o = Object.assign({}, optie), bijdragen = {}, ouders = {};
        optie.bijdragen.forEach(function (p) { bijdragen[order[p[0]]] = p[1]; });
        optie.ouders.forEach(function (p) { ouders[order[p[0]]] = order[p[1]]; });
        o.bijdragen = bijdragen; o.ouders = ouders;
        return o;
      });
      return copy;
    });
    return Object.assign({}, wire, { vragen: vragen, knopen: knopen });
  }

  function kind(data, node) { return data.knopen[node].soort; }

  // An item in a sentence: "de casus De Ketel", "het thema Armoede", "de tip ‘Begin klein’".
  function label(data, node) {
    var info = data.knopen[node];
    var title = info.soort === "tip" ? "‘" + info.titel + "’" : info.titel;
    return data.taal.soorten[info.soort].lidwoord + " " + info.soort + " " + title;
  }

  function capital(text) { return text.slice(0, 1).toUpperCase() + text.slice(1); }

  // "Bewoner, vrijwilliger" -> "bewoner, vrijwilliger"; an abbreviation ("GGD") keeps its capitals.
  function lowerFirst(text) {
    var second = text.slice(1, 2);
    return second && second !== second.toUpperCase() ? text.slice(0, 1).toLowerCase() + text.slice(1) : text;
  }

  function quoted(pairs) {
    var texts = pairs.map(function (p) { return "‘" + p[1].tekst + "’"; });
    return texts.length === 1 ? texts[0] : texts.slice(0, -1).join(", ") + " en " + texts[texts.length - 1];
  }

  // A valkuil's title (which reads as advice) as a warning: "Pas op: overschat … niet".
  function warningLine(title) {
    return title.indexOf("Pas op") === 0 ? title : "Pas op: " + lowerFirst(title);
  }

  // Why an item is advised, in words: the (at most two) answers that added most to its
  // score, then how the first of them leads to the item along its explanation path.
  function why(data, node, pairs) {
    var ranked = pairs.map(function (pair, index) {
      return [pair[1].bijdragen[node] || 0, index, pair[0], pair[1]];
    }).sort(function (a, b) { return (b[0] - a[0]) || (a[1] - b[1]); });
    var top = ranked.filter(function (t) { return t[0] > 0; }).slice(0, 2);
    if (!top.length) { return { tekst: "", antwoorden: [], pad: [] }; }
    var path = findPath(top[0][3], node);
    var words = data.taal.soorten;
    var self = words[kind(data, node)].deze + " " + kind(data, node);
    var subject = top.length === 1 ? "Dat antwoord" : "Het eerste antwoord";
    var sentences = ["U antwoordde " + quoted(top.map(function (t) { return [t[2], t[3]]; })) + "."];
    if (path.length === 1) {
      sentences.push(subject + " wijst rechtstreeks naar " + self + ".");
    } else {
      sentences.push(subject + " gaat over " + label(data, path[0]) + ".");
      for (var i = 1; i < path.length; i++) {
        var earlier = path[i - 1], later = path[i];
        var relation = data.taal.relaties[kind(data, later) + ">" + kind(data, earlier)] || data.taal.relatie_anders;
        var name = later === node ? self : label(data, later);
        sentences.push(capital(name) + " " + relation + " " + words[kind(data, earlier)].die + " " + kind(data, earlier) + ".");
      }
    }
    return {
      tekst: sentences.join(" "),
      antwoorden: top.map(function (t) { return { vraag: t[2].id, optie: t[3].id }; }),
      pad: path
    };
  }

  function item(data, node, score, pairs) {
    var info = data.knopen[node], result = { id: node.split(":").slice(1).join(":") };
    result[info.soort === "tip" ? "titel" : "naam"] = info.titel;
    result.url = info.url;
    result.score = score;
    result.regel = info.regel || "";
    var w = why(data, node, pairs);
    result.waarom = w.tekst;
    result.waarom_antwoorden = w.antwoorden;
    result.waarom_pad = w.pad;
    if (info.soort === "tip") {
      result.soort = info.valkuil ? "valkuil" : "tip";
      if (info.valkuil) { result.waarschuwing = warningLine(info.titel); }
    }
    return result;
  }

  // The opening of the advice: the situation in the person's own answers, the stap,
  // and three things to do first, taken from the stap, the top tips and bouwstenen.
  // Per question answered, what it asked in a few words and the answers quoted:
  // "looptijd: ‘Eén collegeperiode’" (the answers' own commas and semicolons stay inside the quotes).
  function described(pairs) {
    var parts = [], seen = {};
    pairs.forEach(function (pair) {
      var id = pair[0].id;
      if (seen[id]) { return; }
      seen[id] = true;
      var chosen = pairs.filter(function (p) { return p[0].id === id; });
      var kort = pair[0].kort;
      parts.push(kort ? kort + ": " + quoted(chosen) : quoted(chosen));
    });
    return parts;
  }

  function summary(data, result, pairs) {
    var situation = pairs.length ? "U beschreef uw situatie zo: " + described(pairs).join("; ") + "." : "";
    var stap = "";
    if (result.stap) {
      var total = Object.keys(data.knopen).filter(function (n) { return data.knopen[n].soort === "stap"; }).length;
      var number = data.knopen["stap:" + result.stap.id].nummer || 0;
      stap = "U zit waarschijnlijk in de stap " + result.stap.naam + " (stap " + number + " van " + total + ").";
      if (result.volgende_stap) { stap += " Daarna volgt de stap " + result.volgende_stap.naam + "."; }
    }
    var sources = result.stap ? [["stap", result.stap]] : [];
    var tips = result.tips.filter(function (t) { return t.soort === "tip"; }).map(function (t) { return ["tip", t]; });
    var blocks = result.bouwstenen.map(function (b) { return ["bouwsteen", b]; });
    // Interleaved, so the three come from the stap, a tip and a bouwsteen when there are.
    for (var i = 0; i < Math.max(tips.length, blocks.length); i++) {
      sources = sources.concat(tips.slice(i, i + 1), blocks.slice(i, i + 1));
    }
    var actions = [];
    sources.forEach(function (source) {
      var node = source[0] + ":" + source[1].id, text = data.knopen[node].actie || "";
      if (text && actions.every(function (a) { return a.tekst !== text; })) {
        actions.push({ tekst: text, bij: label(data, node), url: source[1].url });
      }
    });
    return { situatie: situation, stap: stap, acties: actions.slice(0, 3) };
  }

  function advise(data, answers, strict) {
    var LIMITS = data.aantallen;  // how many of each kind; set once, in advice.py
    var normal = normaliseAnswers(data, answers, strict !== false);
    var pairs = chosenOptions(data, normal.answers), scores = {};
    pairs.forEach(function (pair) {
      var bijdragen = pair[1].bijdragen;
      Object.keys(bijdragen).forEach(function (node) { scores[node] = (scores[node] || 0) + bijdragen[node]; });
    });
    var audience = pairs.map(function (p) { return p[1].doelgroep; }).filter(function (d) { return d; });
    var warnings = [];
    pairs.forEach(function (pair) {
      pair[1].waarschuwingen.forEach(function (node) { if (warnings.indexOf(node) === -1) { warnings.push(node); } });
    });
    function ranked(kind) {
      return Object.keys(scores).filter(function (n) {
        return scores[n] > 0 && data.knopen[n].soort === kind;
      }).sort(function (a, b) { return (scores[b] - scores[a]) || cmp(a, b); });
    }
    function fits(node) {
      var groups = data.knopen[node].doelgroepen || [];
      return !audience.length || groups.indexOf("iedereen") !== -1 ||
        audience.some(function (a) { return groups.indexOf(a) !== -1; });
    }
    function items(nodes) { return nodes.map(function (n) { return item(data, n, scores[n], pairs); }); }

    var result = {}, steps = ranked("stap");
    result.stap = steps.length ? item(data, steps[0], scores[steps[0]], pairs) : null;
    result.volgende_stap = null;
    if (steps.length) {
      var number = data.knopen[steps[0]].nummer || 0;
      var following = Object.keys(data.knopen).filter(function (n) {
        return data.knopen[n].soort === "stap" && data.knopen[n].nummer === number + 1;
      });
      if (following.length) { result.volgende_stap = item(data, following[0], scores[following[0]] || 0, pairs); }
    }
    result.bouwstenen = items(ranked("bouwsteen").slice(0, LIMITS.bouwsteen));
    result.tips = items(ranked("tip").filter(function (n) { return fits(n) && warnings.indexOf(n) === -1; })
      .slice(0, LIMITS.tip));
    result.casussen = items(ranked("casus").slice(0, LIMITS.casus));
    result.kaders = items(ranked("kader").slice(0, LIMITS.kader));
    result.waarschuwingen = warnings.map(function (node) {
      var sources = pairs.filter(function (p) { return p[1].waarschuwingen.indexOf(node) !== -1; });
      var info = data.knopen[node];
      return {
        id: node.split(":").slice(1).join(":"), titel: info.titel, url: info.url, score: scores[node] || 0,
        regel: info.regel || "", waarschuwing: warningLine(info.titel),
        waarom: "U antwoordde " + quoted(sources) + ". Bij " + (sources.length === 1 ? "dat antwoord" : "die antwoorden") +
          " hoort deze valkuil uit de praktijk."
      };
    });
    result.antwoorden = pairs.map(function (p) {
      return { vraag: p[0].id, vraag_tekst: p[0].tekst, optie: p[1].id, optie_tekst: p[1].tekst };
    });
    result.genegeerd = normal.dropped;
    result.samenvatting = summary(data, result, pairs);
    result.uitleg = {};
    ["stap", "bouwsteen", "tip", "casus", "kader"].forEach(function (k) { result.uitleg[k] = data.taal.soorten[k].uitleg; });
    return result;
  }

  var api = {
    advise: advise, decode: decode, route: route, nextQuestion: nextQuestion, limitMessage: limitMessage,
    choiceHint: choiceHint, normaliseAnswers: normaliseAnswers, AdviceError: AdviceError
  };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; } else { root.WijkkompasAdvies = api; }
}(typeof self !== "undefined" ? self : this));
