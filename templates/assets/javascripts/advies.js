/*
 * Wijkkompas advice engine: a line-by-line port of generator/questionnaire/advice.py.
 * It only adds and sorts the integers in data/vragenlijst.json, so the browser and
 * the CLI give identical results; tests/test_questionnaire_parity.py checks that
 * on hundreds of answer sets under node. Keep the two files in step.
 * Runs in the browser (window.WijkkompasAdvies) and under node (module.exports).
 */
(function (root) {
  "use strict";

  var LIMITS = { bouwsteen: 3, tip: 8, casus: 5, kader: 2 };

  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  function questions(data) {
    var byId = {};
    data.vragen.forEach(function (v) { byId[v.id] = v; });
    return byId;
  }

  function route(data, answers) {
    var byId = questions(data), path = [], current = data.start;
    while (current !== "resultaat" && path.indexOf(current) === -1) {
      path.push(current);
      var vraag = byId[current], nxt = vraag.volgende, chosen = answers[current] || [];
      if (vraag.type === "een" && chosen.length) {
        var optie = vraag.opties.filter(function (o) { return o.id === chosen[0]; })[0];
        nxt = optie.volgende || nxt;
      }
      current = nxt;
    }
    return path;
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

  function label(data, node) {
    var info = data.knopen[node];
    return info.soort + " " + info.titel;
  }

  function why(data, node, pairs) {
    var ranked = pairs.map(function (pair, index) {
      return [pair[1].bijdragen[node] || 0, index, pair[0], pair[1]];
    }).sort(function (a, b) { return (b[0] - a[0]) || (a[1] - b[1]); });
    var top = ranked.filter(function (t) { return t[0] > 0; }).slice(0, 2);
    if (!top.length) { return { tekst: "", antwoorden: [], pad: [] }; }
    var optie = top[0][3];
    var path = findPath(optie, node);
    var sentence = "Omdat u antwoordde ‘" + optie.tekst + "’ → " +
      path.map(function (n) { return label(data, n); }).join(" → ");
    if (top.length > 1) { sentence += " (ook ‘" + top[1][3].tekst + "’ telde mee)"; }
    return {
      tekst: sentence,
      antwoorden: top.map(function (t) { return { vraag: t[2].id, optie: t[3].id }; }),
      pad: path
    };
  }

  function item(data, node, score, pairs) {
    var info = data.knopen[node], result = { id: node.split(":").slice(1).join(":") };
    result[info.soort === "tip" ? "titel" : "naam"] = info.titel;
    result.url = info.url;
    result.score = score;
    var w = why(data, node, pairs);
    result.waarom = w.tekst;
    result.waarom_antwoorden = w.antwoorden;
    result.waarom_pad = w.pad;
    if (info.soort === "tip") { result.soort = info.valkuil ? "valkuil" : "tip"; }
    return result;
  }

  function advise(data, answers, strict) {
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
        waarom: "Omdat u antwoordde " + sources.map(function (p) { return "‘" + p[1].tekst + "’"; }).join(" en ")
      };
    });
    result.antwoorden = pairs.map(function (p) {
      return { vraag: p[0].id, vraag_tekst: p[0].tekst, optie: p[1].id, optie_tekst: p[1].tekst };
    });
    result.genegeerd = normal.dropped;
    return result;
  }

  var api = { advise: advise, decode: decode, route: route, normaliseAnswers: normaliseAnswers, AdviceError: AdviceError };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; } else { root.WijkkompasAdvies = api; }
}(typeof self !== "undefined" ? self : this));
