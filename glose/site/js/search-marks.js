/*
 * Search on the page: names Material's search dialog, and marks the accented
 * words that a search without accents found (?h=defense marks "défense"),
 * besides Material's own marks.
 */

function nameSearchDialog() {
  var dialog = document.querySelector('.md-search[role="dialog"]');
  if (dialog && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
    dialog.setAttribute("aria-label", "Recherche");
  }
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
  var words = raw.map(glose.fold.word);
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
  var folded = glose.fold.withMap(text);
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

glose.onPage(function () {
  nameSearchDialog();
  highlightFolded();
});
