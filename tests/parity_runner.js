// Runs the browser's advice engine under node for the parity test.
// Usage: node parity_runner.js ENGINE.js DATA.json ANSWERSETS.json  -> JSON list of results on stdout.
"use strict";
const fs = require("fs");
const engine = require(process.argv[2]);
const data = engine.decode(JSON.parse(fs.readFileSync(process.argv[3], "utf8")));
const sets = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
const results = sets.map(function (set) {
  try {
    return { ok: engine.advise(data, set.answers, set.strict) };
  } catch (err) {
    if (err instanceof engine.AdviceError) { return { fout: err.message }; }
    throw err;
  }
});
process.stdout.write(JSON.stringify(results));
