// Runs the site search (templates/assets/javascripts/zoeken.js) under Node on an index
// folder, as make eval and the tests do. Reads {"map": …, "vragen": […], "limit": n} as
// JSON on stdin; writes per query the results and the bytes a visitor's browser would
// download for it from a cold start (the manifest, the stemmer, term and document files).
"use strict";
const fs = require("fs");
const path = require("path");
const repo = path.resolve(__dirname, "..");
const zoeken = require(path.join(repo, "templates/assets/javascripts/zoeken.js"));
const stemmerFile = path.join(repo, "templates/assets/javascripts/vendor/snowball/dutch.js");
const stemmer = require(stemmerFile);

const PREFIX = /^WijkkompasZoek\.deel\(("[^"]*"),/;

function reader(folder, bytes) {
  return function (name) {
    const file = path.join(folder, name + ".js");
    const text = fs.readFileSync(file, "utf8");
    bytes.total += Buffer.byteLength(text);
    const match = PREFIX.exec(text);
    if (!match || JSON.parse(match[1]) !== name) { throw new Error("geen indexdeel: " + file); }
    return Promise.resolve(JSON.parse(text.slice(match[0].length, text.lastIndexOf(");"))));
  };
}

async function main() {
  const input = JSON.parse(fs.readFileSync(0, "utf8"));
  const stemmerBytes = fs.statSync(stemmerFile).size;
  const out = [];
  for (const vraag of input.vragen) {
    const bytes = { total: stemmerBytes };
    const engine = new zoeken.Engine(reader(input.map, bytes), stemmer.stemWord);
    const result = await engine.search(vraag, { limit: input.limit || 10, partial: input.partial !== false });
    out.push({ zoek: vraag, aantal: result.aantal, urls: result.resultaten.map((r) => r.url), bytes: bytes.total });
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((error) => { process.stderr.write(String(error && error.stack || error) + "\n"); process.exit(1); });
