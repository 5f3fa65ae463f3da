// Times the browser's advice engine (advies.js) under node, for the benchmark.
// Usage: node advice_runner.js ENGINE.js DATA.json ANSWERSETS.json
// Prints JSON: {"sets": N, "seconds": S, "per_second": N/S}.
"use strict";
const fs = require("fs");
const engine = require(process.argv[2]);
const raw = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
// The file may hold the compact form (nodes by position); the page decodes it once, untimed.
const data = typeof engine.decode === "function" && Array.isArray(raw.knopen) ? engine.decode(raw) : raw;
const sets = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));

function runAll() {
  let answered = 0;
  for (const answers of sets) {
    // strict, like the Python side: the sets are valid, so nothing may be dropped
    if (engine.advise(data, answers, true)) { answered += 1; }
  }
  return answered;
}

// One untimed pass first, so the JIT has compiled the engine: the browser
// user runs it many times on one page as well.
runAll();
const start = process.hrtime.bigint();
const answered = runAll();
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(JSON.stringify({ sets: answered, seconds: seconds, per_second: answered / seconds }) + "\n");
