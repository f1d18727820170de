/*
 * Self-test on article pages: a switch above the text hides the vocabulary.
 * The terms of the text read as plain text (no mark, no link, no card), and
 * in the vocabulary table each term's answer (English and definition) waits
 * for the student's "Voir", one term at a time, with a count of the answers
 * seen. The choice is remembered for the next articles in localStorage
 * (which works from file:// too); other pages (glossary, indexes) never
 * change: their links stay links, whatever the choice.
 *
 * Shares: glose.vocabularyHidden(); announces each change with a
 * "glose:vocabulary" event on document (detail: {hidden}).
 */

var STORAGE_KEY = "glose.vocabulary";
var HIDDEN_CLASS = "glose-vocab-hidden";
var REVEALED_CLASS = "glose-revealed";
var root = document.documentElement;

/** An article page: its paragraphs are numbered (templates/article.md.j2). */
function isArticle() {
  return !!document.querySelector(".md-content .glose-para");
}

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
 * no card either.) Hiding it starts a new test: every answer waits again.
 */
function applyHidden(hidden) {
  root.classList.toggle(HIDDEN_CLASS, hidden);
  var terms = document.querySelectorAll("a.term");
  for (var i = 0; i < terms.length; i++) {
    TERM_ATTRIBUTES.forEach(function (name) { stash(terms[i], name, hidden); });
  }
  if (hidden) {
    rows().forEach(function (row) { row.classList.remove(REVEALED_CLASS); });
  }
  updateScore();
}

/** Move attribute `name` of `term` to data-glose-<name> (hide), or back. */
function stash(term, name, hide) {
  var from = hide ? name : "data-glose-" + name, to = hide ? "data-glose-" + name : name;
  if (!term.hasAttribute(from)) return;
  term.setAttribute(to, term.getAttribute(from));
  term.removeAttribute(from);
}

/* ------------------------------------------------- the vocabulary table */

function rows() {
  return Array.prototype.slice.call(document.querySelectorAll(".glose-vocabulary tbody tr"));
}

/** In each row's definition cell, the "Voir" button (shown by the CSS in a
 *  test only), and above the table the count of answers seen. */
function addRevealButtons() {
  var table = document.querySelector(".glose-vocabulary table");
  if (!table || table.querySelector(".glose-reveal")) return;
  rows().forEach(function (row) {
    var cell = row.querySelector(".glose-answer--summary");
    var term = row.querySelector("th");
    if (!cell) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "glose-reveal";
    button.textContent = "Voir";
    button.setAttribute("aria-label", "Voir la définition : " + (term ? term.textContent : ""));
    button.addEventListener("click", function () { reveal(row, cell); });
    cell.insertBefore(button, cell.firstChild);
  });
  var score = document.createElement("p");
  score.className = "glose-score";
  score.setAttribute("aria-live", "polite");
  table.parentNode.insertBefore(score, table);
  updateScore();
}

/** Show one row's answer, and put the focus on it (its button goes away). */
function reveal(row, cell) {
  row.classList.add(REVEALED_CLASS);
  var text = cell.querySelector(".glose-answer__text");
  if (text) {
    text.tabIndex = -1;
    text.focus();
  }
  updateScore();
}

function updateScore() {
  var score = document.querySelector(".glose-vocabulary .glose-score");
  if (!score) return;
  var all = rows(), seen = all.filter(function (row) {
    return row.classList.contains(REVEALED_CLASS);
  }).length;
  score.hidden = !isHidden();
  score.textContent = "Définitions vues : " + seen + " sur " + all.length;
}

/* ------------------------------------------------------------ the switch */

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
  button.title = "Pour vous tester : les termes ne sont plus signalés, et leurs définitions attendent que vous les demandiez";
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
if (isArticle()) {
  applyHidden(readHidden());
  glose.onPage(function () {
    addRevealButtons();
    applyHidden(readHidden());
    addToggle();
  });
}
