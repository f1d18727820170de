/*
 * Terms (a.term): on touch screens, tapping a term opens a small popover with
 * its summary and a "Voir la fiche" link; a second tap on the same term
 * follows it. Mouse and keyboard keep Material's tooltip (content.tooltips),
 * hidden after a touch and in the self-test mode.
 */

var root = document.documentElement;
var lastPointer = "mouse";
var popover = null;
var openTerm = null;

/* ------------------------------------------------------------ summaries */

// Material removes a link's title while its tooltip is shown; the popover
// reads the copy.
function rememberSummaries() {
  var terms = document.querySelectorAll("a.term[title]");
  for (var i = 0; i < terms.length; i++) {
    if (!terms[i].hasAttribute("data-glose-summary")) {
      terms[i].setAttribute("data-glose-summary", terms[i].getAttribute("title"));
    }
  }
}

/** Summary of a term link. */
function summaryOf(term) {
  return term.getAttribute("data-glose-summary") || term.getAttribute("title") || "";
}

/* ------------------------------------------------- Material's tooltips */

// Material appends each tooltip to <body> and points its host at it with
// aria-describedby before appending. Tag the ones whose host is a term, so
// CSS can hide them in the self-test mode and after a touch.
function tagTermTooltips(records) {
  for (var r = 0; r < records.length; r++) {
    var added = records[r].addedNodes;
    for (var i = 0; i < added.length; i++) {
      var node = added[i];
      if (node.nodeType !== 1 || !node.classList.contains("md-tooltip2") || !node.id) continue;
      var host = document.querySelector('[aria-describedby="' + node.id + '"]');
      if (!host || !host.matches("a.term")) continue;
      node.classList.add("glose-term-tip");
      if (glose.vocabularyHidden()) host.removeAttribute("aria-describedby");
    }
  }
}

/* -------------------------------------------------------------- popover */

function buildPopover() {
  var box = document.createElement("div");
  box.className = "glose-popover";
  box.id = "glose-popover";
  box.setAttribute("role", "dialog");
  box.setAttribute("aria-labelledby", "glose-popover-title");
  box.tabIndex = -1;
  box.hidden = true;
  box.innerHTML =
    '<p class="glose-popover__title" id="glose-popover-title"></p>' +
    '<p class="glose-popover__summary"></p>' +
    '<p class="glose-popover__actions">' +
    '<a class="glose-popover__link">Voir la fiche</a>' +
    '<button type="button" class="glose-popover__close">Fermer</button>' +
    "</p>";
  box.querySelector(".glose-popover__close").addEventListener("click", function () {
    closePopover(true);
  });
  document.body.appendChild(box);
  return box;
}

/** The entry's name ("OTAN" for a tap on "l'Otan"), from the article's vocabulary
 *  table; where there is none (a glossary page), the text that was tapped. */
function nameOf(term) {
  var tail = "/" + term.getAttribute("data-term") + ".html";
  var links = document.querySelectorAll(".glose-vocabulary a[href]");
  for (var i = 0; i < links.length; i++) {
    var href = links[i].getAttribute("href");
    if (href.slice(-tail.length) === tail) return links[i].textContent.trim();
  }
  return term.textContent;
}

function openPopover(term) {
  if (!popover) popover = buildPopover();
  if (openTerm && openTerm !== term) closePopover(false);
  popover.querySelector(".glose-popover__title").textContent = nameOf(term);
  popover.querySelector(".glose-popover__summary").textContent = summaryOf(term);
  popover.querySelector(".glose-popover__link").setAttribute("href", term.getAttribute("href"));
  popover.hidden = false;
  openTerm = term;
  term.setAttribute("aria-expanded", "true");
  term.setAttribute("aria-controls", popover.id);
  placePopover();
  popover.focus({ preventScroll: true });
}

/** Close the popover; `refocus` puts the focus back on its term. */
function closePopover(refocus) {
  if (!popover || popover.hidden) return;
  var term = openTerm;
  popover.hidden = true;
  openTerm = null;
  if (term) {
    term.setAttribute("aria-expanded", "false");
    term.removeAttribute("aria-controls");
    if (refocus) term.focus({ preventScroll: true });
  }
}

/** Put the popover under the tapped term, or above it if there is no room. */
function placePopover() {
  if (!openTerm) return;
  var rect = openTerm.getClientRects()[0] || openTerm.getBoundingClientRect();
  var margin = 8;
  var width = popover.offsetWidth;
  var height = popover.offsetHeight;
  var viewport = document.documentElement.clientWidth;
  var left = Math.min(Math.max(rect.left, margin), Math.max(margin, viewport - width - margin));
  var top = rect.bottom + margin;
  if (top + height > window.innerHeight && rect.top - margin - height > 0) {
    top = rect.top - margin - height;
  }
  popover.style.left = left + window.scrollX + "px";
  popover.style.top = top + window.scrollY + "px";
}

/* --------------------------------------------------------------- events */

function onPointerDown(event) {
  lastPointer = event.pointerType || "mouse";
  root.classList.toggle("glose-touch", lastPointer === "touch" || lastPointer === "pen");
}

function onClick(event) {
  var target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  if (popover && !popover.hidden && popover.contains(target)) return;
  var term = target.closest("a.term[href]");
  var touch = lastPointer === "touch" || lastPointer === "pen";
  if (term && touch && !glose.vocabularyHidden()) {
    if (openTerm === term) {
      closePopover(false);
      return;  // second tap: follow the link
    }
    event.preventDefault();
    openPopover(term);
    return;
  }
  closePopover(false);  // a tap or click anywhere else
}

function onKeyDown(event) {
  lastPointer = "keyboard";
  root.classList.remove("glose-touch");
  if (event.key === "Escape" && popover && !popover.hidden) {
    var inside = popover.contains(document.activeElement);
    closePopover(inside || document.activeElement === document.body);
  }
}

// The summaries are copied now, before Material mounts its tooltips.
rememberSummaries();
new MutationObserver(tagTermTooltips).observe(document.body, { childList: true });
document.addEventListener("pointerdown", onPointerDown, true);
document.addEventListener("click", onClick);
document.addEventListener("keydown", onKeyDown, true);
window.addEventListener("resize", placePopover);
window.addEventListener("beforeprint", function () { closePopover(false); });
document.addEventListener("glose:vocabulary", function () { closePopover(false); });
glose.onPage(rememberSummaries);
