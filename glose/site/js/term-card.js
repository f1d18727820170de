/*
 * The definition card of a term (a.term): the entry's name, its English name,
 * its summary and a "Voir la fiche" link, shown
 *   - on hover (mouse), while the pointer is on the term or on the card;
 *   - on keyboard focus, while the term has the focus;
 *   - on tap (touch, pen), as a small dialog that takes the focus; a second
 *     tap on the same term follows its link.
 * Esc closes it; one card at a time. It is built once, with createElement
 * and textContent only, from the page's hidden list of definitions
 * (.glose-defs, written by the templates), which each term names with
 * aria-describedby. Screen readers read the description from that list, with
 * or without this script, so the hover and focus card is aria-hidden; the
 * tap card is a dialog that they enter.
 *
 * Uses glose.vocabularyHidden() and the "glose:vocabulary" event
 * (self-test.js): no card for a hidden vocabulary.
 */

var GAP = 6;        // px between the term and the card
var MARGIN = 8;     // px kept free at the viewport's edges
var LINGER = 300;   // ms a hover card stays after the pointer left: time to reach it

var card = null;       // the card's elements, once built
var shown = null;      // {term, mode: "hover" | "focus" | "tap"} while the card is open
var dismissed = null;  // the term whose card Esc closed: not again until it is left
var lastPointer = "mouse";
var lingering = 0;

/* ------------------------------------------------------------- building */

function element(tag, className, parent) {
  var node = document.createElement(tag);
  node.className = className;
  if (parent) parent.appendChild(node);
  return node;
}

function buildCard() {
  var box = element("div", "glose-card", document.body);
  box.id = "glose-card";
  box.hidden = true;
  box.tabIndex = -1;
  var parts = { box: box, name: element("p", "glose-card__term", box) };
  parts.name.id = "glose-card-term";
  parts.english = element("p", "glose-card__english", box);
  parts.english.appendChild(document.createTextNode("en anglais : "));
  parts.englishName = element("span", "glose-card__english-name", parts.english);
  parts.englishName.lang = "en";
  parts.summary = element("p", "glose-card__summary", box);
  var actions = element("p", "glose-card__actions", box);
  parts.link = element("a", "glose-card__link", actions);
  parts.link.textContent = "Voir la fiche";
  parts.close = element("button", "glose-card__close", actions);
  parts.close.type = "button";
  parts.close.textContent = "Fermer";
  parts.close.addEventListener("click", function () { closeCard(true); });
  return parts;
}

/** The term's item in the page's list of definitions, or null. */
function entryOf(term) {
  var id = term.getAttribute("aria-describedby");
  var entry = id ? document.getElementById(id) : null;
  return entry && entry.closest(".glose-defs") ? entry : null;
}

function textOf(entry, selector) {
  var node = entry.querySelector(selector);
  return node ? node.textContent : "";
}

/** Copy the entry's text (as text: it may hold anything) and the term's link. */
function fill(term, entry) {
  card.name.textContent = textOf(entry, ".glose-def__term");
  card.englishName.textContent = textOf(entry, ".glose-def__english [lang]");
  card.english.hidden = !card.englishName.textContent;
  card.summary.textContent = textOf(entry, ".glose-def__summary");
  card.link.setAttribute("href", term.getAttribute("href"));
}

/** Tap: a dialog, its link and button in reach. Hover and focus: for the eye
 *  only (screen readers have the term's description); its link is for the
 *  mouse, the keyboard has the term's own. */
function setMode(mode) {
  var dialog = mode === "tap";
  var box = card.box;
  if (dialog) {
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-labelledby", card.name.id);
    box.removeAttribute("aria-hidden");
  } else {
    box.removeAttribute("role");
    box.removeAttribute("aria-labelledby");
    box.setAttribute("aria-hidden", "true");
  }
  card.link.tabIndex = dialog ? 0 : -1;
  card.close.hidden = !dialog;
}

/* -------------------------------------------------------- open and close */

/** Show `term`'s card in `mode`; false when it has none to show. */
function openCard(term, mode) {
  var entry = glose.vocabularyHidden() ? null : entryOf(term);
  if (!entry) return false;
  clearTimeout(lingering);
  if (shown && shown.term === term && shown.mode === mode) return true;
  if (shown) closeCard(false);
  if (!card) card = buildCard();
  fill(term, entry);
  setMode(mode);
  card.box.hidden = false;
  shown = { term: term, mode: mode };
  if (mode === "tap") {
    term.setAttribute("aria-expanded", "true");
    term.setAttribute("aria-controls", card.box.id);
  }
  place();
  if (mode === "tap") card.box.focus({ preventScroll: true });
  return true;
}

/** Close the card; `refocus` puts the focus back on its term (without
 *  opening the card again there). */
function closeCard(refocus) {
  clearTimeout(lingering);
  if (!shown) return;
  var term = shown.term;
  if (shown.mode === "tap") {
    term.setAttribute("aria-expanded", "false");
    term.removeAttribute("aria-controls");
  }
  shown = null;
  card.box.hidden = true;
  if (refocus) {
    dismissed = term;
    term.focus({ preventScroll: true });
  }
}

/**
 * Put the card under the term, or above it when there is more room there,
 * never over it: the term's box spans all its lines (a term wrapped on two),
 * the card lies wholly below the last or above the first, aligned with that
 * line, inside the viewport and under Material's header. Where neither side
 * has room for all of it, its height is cut to the larger one (it scrolls).
 */
function place() {
  if (!shown) return;
  var box = card.box, term = shown.term;
  var lines = term.getClientRects(), span = term.getBoundingClientRect();
  if (!lines.length) return;
  var header = document.querySelector(".md-header");
  var ceiling = Math.max(header ? header.getBoundingClientRect().bottom : 0, 0) + MARGIN;
  var floor = document.documentElement.clientHeight - MARGIN;
  var below = floor - span.bottom - GAP, above = span.top - GAP - ceiling;
  box.style.maxHeight = "";
  var height = box.offsetHeight;
  var under = height <= below || below >= above;
  var room = Math.max(under ? below : above, 0);
  if (height > room) {
    box.style.maxHeight = room + "px";
    height = room;
  }
  var line = under ? lines[lines.length - 1] : lines[0];
  var right = document.documentElement.clientWidth - MARGIN - box.offsetWidth;
  var left = Math.max(MARGIN, Math.min(line.left, right));
  var top = under ? span.bottom + GAP : span.top - GAP - height;
  box.style.left = left + window.scrollX + "px";
  box.style.top = top + window.scrollY + "px";
}

/* --------------------------------------------------------------- events */

function termAt(target) {
  return target instanceof Element ? target.closest("a.term[href]") : null;
}

function inCard(node) {
  return !!(card && node instanceof Node && card.box.contains(node));
}

function onPointerOver(event) {
  if (event.pointerType !== "mouse" || (shown && shown.mode === "tap")) return;
  if (inCard(event.target)) {
    clearTimeout(lingering);  // reached in time: it stays
    return;
  }
  var term = termAt(event.target);
  if (term && term !== dismissed) openCard(term, "hover");
}

/** Leaving the term or the card for elsewhere: the hover card goes, a moment
 *  later; a dismissed term may show its card again. */
function onPointerOut(event) {
  var to = event.relatedTarget;
  var from = termAt(event.target);
  if (from && from === dismissed && !(to instanceof Node && from.contains(to))) dismissed = null;
  if (event.pointerType !== "mouse" || !shown || shown.mode !== "hover") return;
  var term = shown.term;
  if (to instanceof Node && (term.contains(to) || inCard(to))) return;
  if (term.contains(event.target) || inCard(event.target)) {
    lingering = setTimeout(function () { closeCard(false); }, LINGER);
  }
}

// A term focused by the keyboard (not by a tap or a click: :focus-visible).
function onFocusIn(event) {
  var term = termAt(event.target);
  if (term && term !== dismissed && term.matches(":focus-visible")) openCard(term, "focus");
}

function onFocusOut(event) {
  var to = event.relatedTarget;
  if (event.target === dismissed) dismissed = null;
  if (!shown || inCard(to)) return;
  var leftTerm = shown.mode === "focus" && event.target === shown.term;
  var leftDialog = shown.mode === "tap" && inCard(event.target) && to !== shown.term;
  if (leftTerm || (leftDialog && to)) closeCard(false);
}

function onClick(event) {
  var target = event.target instanceof Element ? event.target : null;
  if (!target || inCard(target)) return;
  var term = termAt(target);
  if (term && (lastPointer === "touch" || lastPointer === "pen")) {
    if (shown && shown.mode === "tap" && shown.term === term) {
      closeCard(false);
      return;  // second tap: follow the link
    }
    if (openCard(term, "tap")) event.preventDefault();
    return;
  }
  closeCard(false);  // a tap or click anywhere else
}

function onKeyDown(event) {
  lastPointer = "keyboard";
  if (event.key !== "Escape" || !shown) return;
  if (shown.mode === "tap") {
    var active = document.activeElement;
    closeCard(inCard(active) || active === document.body);
    return;
  }
  dismissed = shown.term;
  closeCard(false);
}

document.addEventListener("pointerdown", function (event) {
  lastPointer = event.pointerType || "mouse";
}, true);
document.addEventListener("pointerover", onPointerOver);
document.addEventListener("pointerout", onPointerOut);
document.addEventListener("focusin", onFocusIn);
document.addEventListener("focusout", onFocusOut);
document.addEventListener("click", onClick);
document.addEventListener("keydown", onKeyDown, true);
window.addEventListener("resize", place);
window.addEventListener("beforeprint", function () { closeCard(false); });
document.addEventListener("glose:vocabulary", function () { closeCard(false); });
