/*
 * "Vouliez-vous dire Stoltenberg ?" under a search that found nothing. The
 * search worker (search-worker.js) adds the suggestion to its answer
 * (glose_suggestion), which Material ignores; this file listens to the
 * worker's answers too, shows the suggestion under Material's "Aucun document
 * trouvé", and searches it when it is clicked. The worker is Material's to
 * start, as its bundle runs: this script is loaded just before the bundle
 * (theme/main.html), and wraps window.Worker (or iframe-worker.js's stand-in,
 * from file://) so as to hear the worker's answers.
 *
 * Built with createElement and textContent: a suggestion is a word of the
 * texts, shown as written, never as markup.
 */

var RESULT = 3; // Material's message type of an answer

function searchInput() {
  return document.querySelector("input[data-md-component=search-query]");
}

function removeSuggestion() {
  var old = document.querySelector(".glose-suggestion");
  if (old) old.remove();
}

/** Search `text`: into Material's box, then the key event Material reads it on. */
function searchFor(text) {
  var input = searchInput();
  if (!input) return;
  input.value = text;
  input.focus();
  input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
}

function showSuggestion(text) {
  removeSuggestion();
  var meta = document.querySelector(".md-search-result__meta");
  if (!text || !meta) return;
  var line = document.createElement("p");
  line.className = "glose-suggestion";
  line.appendChild(document.createTextNode("Vouliez-vous dire "));
  var button = document.createElement("button");
  button.type = "button";
  button.textContent = text;
  button.addEventListener("click", function () { searchFor(text); });
  line.appendChild(button);
  line.appendChild(document.createTextNode(" ?"));
  meta.parentNode.insertBefore(line, meta.nextSibling);
}

function watch(worker) {
  worker.addEventListener("message", function (event) {
    var message = event.data;
    if (!message || message.type !== RESULT) return;
    var text = message.data && message.data.glose_suggestion;
    // After Material has drawn its answer (its own listener runs first or
    // later, as it subscribed): the next task.
    setTimeout(function () { showSuggestion(text || ""); });
  });
}

var Base = window.Worker;
if (typeof Base === "function") {
  var Watched = function (url, options) {
    var worker = new Base(url, options);
    if (/search-worker\.js(\?|$)/.test(String(url))) watch(worker);
    return worker;
  };
  Watched.prototype = Base.prototype;
  window.Worker = Watched;
}
document.addEventListener("keyup", function (event) {
  if (event.target === searchInput() && event.isTrusted) removeSuggestion();
});
