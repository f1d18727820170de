/*
 * Glose: behaviour of the annotated pages, on top of Material for MkDocs.
 *
 *   - touch: tapping a term (a.term) opens a small popover with its summary
 *     and a "Voir la fiche" link; a second tap on the same term follows it.
 *     Mouse and keyboard keep Material's tooltip (content.tooltips).
 *   - self-test switch on article pages: hides term highlighting, tooltips
 *     and popovers; remembered in localStorage (works from file:// too).
 *   - paragraph numbers: clicking §n goes to #pN and copies that address.
 *   - accessibility: names Material's search dialog and note markers.
 *   - search highlighting: besides Material's own marks, marks the accented
 *     words a search without accents found (?h=defense marks "défense").
 *
 * Loaded by mkdocs.yml (extra_javascript) after Material's bundle, at the end
 * of <body>: the page is parsed, and Material mounts its components on
 * DOMContentLoaded, which has not fired yet.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "glose.vocabulary";
  var HIDDEN_CLASS = "glose-vocab-hidden";
  var root = document.documentElement;

  /* ------------------------------------------------------------------ *
   * Self-test switch: state
   * ------------------------------------------------------------------ */

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

  /**
   * Show or hide the vocabulary. Hidden terms lose their href (kept in
   * data-glose-href): plain text for the eye, for the keyboard (no focus, so
   * no tooltip) and for screen readers, and a tap does nothing. CSS hides
   * the tooltip a mouse hover would still make.
   */
  function applyHidden(hidden) {
    root.classList.toggle(HIDDEN_CLASS, hidden);
    var terms = document.querySelectorAll("a.term");
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      if (hidden && term.hasAttribute("href")) {
        term.setAttribute("data-glose-href", term.getAttribute("href"));
        term.removeAttribute("href");
      } else if (!hidden && term.hasAttribute("data-glose-href")) {
        term.setAttribute("href", term.getAttribute("data-glose-href"));
        term.removeAttribute("data-glose-href");
      }
    }
  }

  // Applied at once (the page is parsed, Material has not mounted anything
  // yet), so a hidden vocabulary never flashes on page load.
  applyHidden(readHidden());

  /* ------------------------------------------------------------------ *
   * Terms: keep each summary, whatever Material does with `title`
   * ------------------------------------------------------------------ */

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

  /* ------------------------------------------------------------------ *
   * Material tooltips that belong to terms
   * ------------------------------------------------------------------ */

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
        if (isHidden()) host.removeAttribute("aria-describedby");
      }
    }
  }

  /* ------------------------------------------------------------------ *
   * Touch popover
   * ------------------------------------------------------------------ */

  var lastPointer = "mouse";
  var popover = null;
  var openTerm = null;

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
    if (term && touch && !isHidden()) {
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

  /* ------------------------------------------------------------------ *
   * Self-test switch: the button on article pages
   * ------------------------------------------------------------------ */

  function updateToggle(button) {
    var hidden = isHidden();
    button.setAttribute("aria-pressed", hidden ? "true" : "false");
    button.textContent = hidden ? "Afficher le vocabulaire" : "Masquer le vocabulaire";
  }

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
      closePopover(false);
      applyHidden(hidden);
      writeHidden(hidden);
      updateToggle(button);
    });
    bar.appendChild(button);
    first.parentNode.insertBefore(bar, first);
  }

  /* ------------------------------------------------------------------ *
   * Paragraph numbers
   * ------------------------------------------------------------------ */

  function onPnumClick(event) {
    var target = event.target instanceof Element ? event.target : null;
    var link = target && target.closest("a.glose-pnum");
    if (!link || !navigator.clipboard || !window.isSecureContext) return;
    var label = link.textContent.trim();
    navigator.clipboard.writeText(link.href).then(function () {
      if (window.alert$ && typeof window.alert$.next === "function") {
        window.alert$.next("Lien vers le " + label + " copié");
      }
    }, function () { /* no permission: the address bar shows #pN anyway */ });
  }

  /* ------------------------------------------------------------------ *
   * Search: dialog name, accent-insensitive highlighting on the page
   * ------------------------------------------------------------------ */

  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
      dialog.setAttribute("aria-label", "Recherche");
    }
  }

  /** Lowercase, accent-free form of one character (may be 2 letters: œ). */
  function foldChar(c) {
    var f = c.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return f === "œ" ? "oe" : f === "æ" ? "ae" : f;
  }

  /** Folded text plus, for each folded character, its index in `text`. */
  function foldWithMap(text) {
    var folded = "";
    var map = [];
    for (var i = 0; i < text.length; i++) {
      var f = foldChar(text[i]);
      for (var j = 0; j < f.length; j++) map.push(i);
      folded += f;
    }
    map.push(text.length);
    return { text: folded, map: map };
  }

  // Material marks the ?h= words where they occur as typed (ignoring case
  // only): a search for "defense" finds "défense" but marks nothing on the
  // page. Mark the words whose accent-free form starts with a searched word,
  // leaving alone those Material marks itself, so the order of the two
  // passes does not matter.
  function highlightFolded() {
    var h = new URLSearchParams(location.search).get("h");
    var content = document.querySelector("article.md-content__inner");
    if (!h || !content) return;
    var raw = h.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 1; });
    var words = raw.map(function (w) { return foldWithMap(w).text; });
    if (!words.length) return;
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    var nodes = [];
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.parentElement.closest("mark, script, style, .glose-tools")) nodes.push(n);
    }
    nodes.forEach(function (node) { markFolded(node, raw, words); });
  }

  /** Wrap in <mark> the words of a text node that only a folded search finds. */
  function markFolded(node, raw, words) {
    var text = node.nodeValue;
    var folded = foldWithMap(text);
    var ranges = [];
    var wordRe = /[\p{L}\p{N}]+/gu;
    for (var m = wordRe.exec(folded.text); m; m = wordRe.exec(folded.text)) {
      var start = folded.map[m.index];
      var end = folded.map[m.index + m[0].length];
      var original = text.slice(start, end).toLowerCase();
      var token = m[0];
      if (raw.some(function (w) { return original.indexOf(w) !== -1; })) continue;
      if (words.some(function (w) { return token.indexOf(w) === 0; })) ranges.push([start, end]);
    }
    if (!ranges.length) return;
    var fragment = document.createDocumentFragment();
    var pos = 0;
    ranges.forEach(function (range) {
      fragment.appendChild(document.createTextNode(text.slice(pos, range[0])));
      var mark = document.createElement("mark");
      mark.setAttribute("data-md-highlight", "");
      mark.textContent = text.slice(range[0], range[1]);
      fragment.appendChild(mark);
      pos = range[1];
    });
    fragment.appendChild(document.createTextNode(text.slice(pos)));
    node.parentNode.replaceChild(fragment, node);
  }

  /* ------------------------------------------------------------------ *
   * Notes: Material's annotation markers are links with no text
   * ------------------------------------------------------------------ */

  // Material renders a note marker "(1)" as <a class="md-annotation__index">
  // whose number exists only in CSS, so screen readers and axe-core
  // (link-name) find an empty link. Name it "Note 1".
  function labelNoteMarkers(scope) {
    var links = scope.querySelectorAll("a.md-annotation__index:not([aria-label])");
    for (var i = 0; i < links.length; i++) {
      var number = links[i].querySelector("[data-md-annotation-id]");
      var id = number ? number.getAttribute("data-md-annotation-id") : "";
      links[i].setAttribute("aria-label", id ? "Note " + id : "Note");
    }
  }

  var noteObserver = null;

  function watchNoteMarkers() {
    var content = document.querySelector(".md-content");
    if (noteObserver) noteObserver.disconnect();
    if (!content) return;
    labelNoteMarkers(content);
    noteObserver = new MutationObserver(function (records) {
      for (var i = 0; i < records.length; i++) {
        if (records[i].addedNodes.length) {
          labelNoteMarkers(content);
          return;
        }
      }
    });
    noteObserver.observe(content, { childList: true, subtree: true });
  }

  /* ------------------------------------------------------------------ *
   * Print
   * ------------------------------------------------------------------ */

  function beforePrint() {
    closePopover(false);
    var notes = document.querySelectorAll("details.glose-notes, .glose-notes details");
    for (var i = 0; i < notes.length; i++) notes[i].open = true;
  }

  /* ------------------------------------------------------------------ *
   * Start
   * ------------------------------------------------------------------ */

  /** Once per page shown (Material's instant navigation would show several). */
  function setUpPage() {
    rememberSummaries();
    applyHidden(readHidden());
    nameSearchDialog();
    addToggle();
    watchNoteMarkers();
    highlightFolded();
  }

  /** Once per window. */
  function start() {
    new MutationObserver(tagTermTooltips).observe(document.body, { childList: true });
    document.addEventListener("pointerdown", onPointerDown, true);
    document.addEventListener("click", onClick);
    document.addEventListener("click", onPnumClick);
    document.addEventListener("keydown", onKeyDown, true);
    window.addEventListener("resize", placePopover);
    window.addEventListener("beforeprint", beforePrint);
  }

  // Material mounts its components (tooltips, note markers) when its
  // document$ emits, on DOMContentLoaded; our per-page set-up subscribes after
  // it, so it runs next. The summaries are copied before either, right now.
  rememberSummaries();
  start();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpPage);
  } else {
    setUpPage();
  }
})();
