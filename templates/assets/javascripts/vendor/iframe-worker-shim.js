/*! iframe-worker 1.0.4 shim (npm "iframe-worker"), MIT licence,
 * Copyright (c) 2020-2022 Martin Donath <martin.donath@squidfunk.com>.
 * Kept here so the offline copy of the site loads nothing from another host;
 * the offline plugin of the theme would otherwise load it from unpkg.com.
 * Changed for Wijkkompas: the code that runs inside the iframe is loaded from
 * workers/iframe-worker-binnen.js instead of being written into it as an inline
 * script, so the site's Content-Security-Policy needs no 'unsafe-inline'.
 */
"use strict";
(() => {
  // Beside the theme's search worker: that worker finds its own folder from the
  // first script of the iframe, the part before "/worker".
  const inner = new URL("../workers/iframe-worker-binnen.js", document.currentScript.src).href;
  const attribute = (text) => String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      this.m = (event) => {
        if (event.source === this.w) {
          this.dispatchEvent(new MessageEvent("message", { data: event.data }));
          if (this.onmessage) this.onmessage(event);
        }
      };
      this.e = (message, filename, lineno, colno, error) => {
        if (filename === `${this.url}`) {
          const event = new ErrorEvent("error", { message, filename, lineno, colno, error });
          this.dispatchEvent(event);
          if (this.onerror) this.onerror(event);
        }
      };
      const iframe = document.createElement("iframe");
      iframe.hidden = true;
      document.body.appendChild((this.iframe = iframe));
      this.w.document.open();
      this.w.document.write(
        `<html><body><script src="${attribute(inner)}" data-url="${attribute(url)}"><\/script>` +
        `<script src="${attribute(url)}?${+Date.now()}"><\/script></body></html>`);
      this.w.document.close();
      onmessage = this.m;
      onerror = this.e;
      this.r = new Promise((resolve, reject) => {
        this.w.onload = resolve;
        this.w.onerror = reject;
      });
    }
    terminate() {
      this.iframe.remove();
      onmessage = onerror = null;
    }
    postMessage(data) {
      this.r.catch().then(() => {
        this.w.dispatchEvent(new MessageEvent("message", structuredClone({ data })));
      });
    }
    get w() {
      return this.iframe.contentWindow;
    }
  }

  window.IFrameWorker = IFrameWorker;
  if (location.protocol === "file:") window.Worker = IFrameWorker;
})();
