/*! iframe-worker 1.0.4 (npm "iframe-worker"), MIT licence,
 * Copyright (c) 2020-2022 Martin Donath <martin.donath@squidfunk.com>.
 * The worker's side of iframe-worker-shim.js: runs inside the hidden iframe,
 * before the worker's own script, and gives it the worker API it expects.
 * In its own file (upstream writes it inline) for the Content-Security-Policy.
 */
"use strict";
(() => {
  const url = document.currentScript.dataset.url;
  window.postMessage = (message, origin) => parent.postMessage(message, origin || "*");
  window.importScripts = (...urls) =>
    urls.reduce((done, src) => done.then(() => new Promise((resolve) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      document.body.appendChild(script);
    })), Promise.resolve());
  addEventListener("error", ({ error }) => {
    parent.dispatchEvent(new ErrorEvent("error", { filename: url, error }));
  });
})();
