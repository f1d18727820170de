/*
 * Self-test switch on article pages: a button hides the vocabulary (term
 * highlighting and definition cards), so that students can test themselves.
 * The choice is remembered in localStorage (which works from file:// too).
 *
 * Shares: glose.vocabularyHidden(); announces each change with a
 * "glose:vocabulary" event on document (detail: {hidden}).
 */

var STORAGE_KEY = "glose.vocabulary";
var HIDDEN_CLASS = "glose-vocab-hidden";
var root = document.documentElement;

/** True when the reader chose to hide the vocabulary (storage may throw). */
function readHidden() {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "hidden";
  } catch (err) {
    return false;
  }
}

function writeHidden(hidden) {
  try {
    window.localStorage.setItem(STORAGE_KEY, hidden ? "hidden" : "shown");
  } catch (err) {
    /* private mode, disabled storage: the choice lasts for this page only */
  }
}

function isHidden() {
  return root.classList.contains(HIDDEN_CLASS);
}

// What a term loses while the vocabulary is hidden (kept in data-glose-*).
var TERM_ATTRIBUTES = ["href", "aria-describedby"];

/**
 * Show or hide the vocabulary. Hidden terms lose their href and their
 * description: plain text for the eye, for the keyboard (no focus, so no
 * card) and for screen readers, and a tap does nothing. (term-card.js opens
 * no card either.)
 */
function applyHidden(hidden) {
  root.classList.toggle(HIDDEN_CLASS, hidden);
  var terms = document.querySelectorAll("a.term");
  for (var i = 0; i < terms.length; i++) {
    TERM_ATTRIBUTES.forEach(function (name) { stash(terms[i], name, hidden); });
  }
}

/** Move attribute `name` of `term` to data-glose-<name> (hide), or back. */
function stash(term, name, hide) {
  var from = hide ? name : "data-glose-" + name, to = hide ? "data-glose-" + name : name;
  if (!term.hasAttribute(from)) return;
  term.setAttribute(to, term.getAttribute(from));
  term.removeAttribute(from);
}

function updateToggle(button) {
  var hidden = isHidden();
  button.setAttribute("aria-pressed", hidden ? "true" : "false");
  button.textContent = hidden ? "Afficher le vocabulaire" : "Masquer le vocabulaire";
}

/** The button, above the first paragraph of an article. */
function addToggle() {
  var first = document.querySelector(".md-content .glose-para");
  if (!first || document.querySelector(".glose-tools")) return;
  var bar = document.createElement("div");
  bar.className = "glose-tools";
  var button = document.createElement("button");
  button.type = "button";
  button.className = "glose-toggle";
  button.title = "Pour vous tester : les termes du glossaire ne sont plus signalés";
  updateToggle(button);
  button.addEventListener("click", function () {
    var hidden = !isHidden();
    applyHidden(hidden);
    writeHidden(hidden);
    updateToggle(button);
    document.dispatchEvent(new CustomEvent("glose:vocabulary", { detail: { hidden: hidden } }));
  });
  bar.appendChild(button);
  first.parentNode.insertBefore(bar, first);
}

glose.vocabularyHidden = isHidden;

// Applied at once (the page is parsed, Material has not mounted anything
// yet), so a hidden vocabulary never flashes on page load.
applyHidden(readHidden());
glose.onPage(function () {
  applyHidden(readHidden());
  addToggle();
});
