/*
 * Glose: a Web Worker stand-in for pages opened from disk (file://).
 *
 * The site's search runs in a Web Worker (Glose's search-worker.js; Material's
 * own under `build.py serve`), and Chromium refuses to start a worker from a
 * file:// page. Under file:// only, this script replaces
 * window.Worker with IFrameWorker, which runs the worker script inside a hidden
 * same-origin iframe. It loads nothing from the network: the offline plugin
 * would otherwise add https://unpkg.com/iframe-worker/shim (it skips that when
 * an `extra.polyfills` entry contains "iframe-worker", hence this file's name).
 *
 * What the worker script sees inside the iframe:
 *   - self.postMessage(data): sends data to the page (structured clone, async);
 *   - "message" events on self (addEventListener or self.onmessage), from
 *     the moment the script has run: those posted earlier wait until then;
 *   - importScripts(...urls): loads the scripts one after the other and returns
 *     a Promise. A real worker's importScripts is synchronous, which an iframe
 *     cannot imitate; both workers await the call (Material's is written for
 *     this shim), so the order of the scripts is kept. Separate calls load in
 *     parallel (search-worker.js loads its index files so).
 *   - the worker script is the first script with a src in the iframe: both
 *     workers find the URLs of the files they load from it (Material's when
 *     window.parent.IFrameWorker exists), so it must stay first.
 */
(function () {
  "use strict";

  if (location.protocol !== "file:" || window.IFrameWorker) return;

  /** Load each URL with a <script> in `doc`, strictly in order. */
  function loadInOrder(doc, urls) {
    return urls.reduce(function (previous, url) {
      return previous.then(function () {
        return new Promise(function (resolve, reject) {
          var script = doc.createElement("script");
          script.src = String(url);
          script.onload = function () { resolve(); };
          script.onerror = function () {
            reject(new Error("importScripts: cannot load " + url));
          };
          doc.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  }

  /**
   * A Worker lookalike: an EventTarget with postMessage() and terminate(),
   * and onmessage/onerror handler properties.
   */
  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.onmessageerror = null;
      this.url = new URL(String(url), document.baseURI).href;

      // A MessageChannel carries messages both ways: it clones the data like
      // a real worker, delivers asynchronously, and needs no target origin
      // (a file:// page has an opaque origin, so window.postMessage would
      // need "*").
      var channel = new MessageChannel();
      this._port = channel.port1;
      this._port.onmessage = this._fromWorker.bind(this);

      var iframe = document.createElement("iframe");
      iframe.hidden = true;
      iframe.setAttribute("aria-hidden", "true");
      iframe.tabIndex = -1;
      iframe.title = "Moteur de recherche";
      (document.body || document.documentElement).appendChild(iframe);
      this.iframe = iframe;
      this._setUp(iframe.contentWindow, channel.port2);
    }

    /** Give the iframe a worker-like global scope, then run the script. */
    _setUp(win, port) {
      var self = this;
      var doc = win.document;
      doc.open();
      doc.write("<!doctype html><html><head></head><body></body></html>");
      doc.close();

      win.postMessage = function (data) { port.postMessage(data); };
      win.importScripts = function () {
        return loadInOrder(doc, Array.prototype.slice.call(arguments));
      };
      win.close = function () { self.terminate(); };
      win.addEventListener("error", function (event) {
        self._fail(event.message, event.error);
      });

      var script = doc.createElement("script");
      script.src = this.url;
      // A page may post at once (Zensical's search does): until the script
      // has run and listens, messages wait in the port, which queues them
      // until it is started; setting onmessage starts it, in order. (Started
      // at once, it delivered them to no listener: they were lost.)
      script.onload = function () {
        port.onmessage = function (event) {
          win.dispatchEvent(new win.MessageEvent("message", { data: event.data }));
        };
      };
      script.onerror = function () {
        self._fail("cannot load worker script " + self.url);
      };
      doc.body.appendChild(script);
    }

    /** Send data to the worker script (like Worker.postMessage). */
    postMessage(data) {
      if (this._port) this._port.postMessage(data);
    }

    /** Stop the worker: remove its iframe and close the channel. */
    terminate() {
      if (this._port) this._port.close();
      this._port = null;
      if (this.iframe) this.iframe.remove();
      this.iframe = null;
    }

    _fromWorker(event) {
      var message = new MessageEvent("message", { data: event.data });
      this.dispatchEvent(message);
      if (typeof this.onmessage === "function") this.onmessage(message);
    }

    _fail(text, error) {
      var event = new ErrorEvent("error", {
        message: text, filename: this.url, error: error
      });
      this.dispatchEvent(event);
      if (typeof this.onerror === "function") this.onerror(event);
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
