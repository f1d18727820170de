/*
 * The search fold: which characters a search counts as the same. The one
 * JavaScript copy of glose/folding.py `fold_word` (whose docstring says why
 * each step is there), assembled into every script that compares words:
 * the search worker (a query's words against the index that the build folded
 * with fold_word) and the page script (marks on the page a search opens; the
 * live preview serves the built site, so it uses both). A browser test runs both over the same
 * hard strings (tests/browser/test_folding_js.py).
 *
 * Shares: glose.fold.word(text), glose.fold.withMap(text).
 */

// Letters that no decomposition takes to a base letter, and the final sigma
// (folding.py _WORD_BASES: change both together).
var BASES = { "œ": "oe", "æ": "ae", "ß": "ss", "ł": "l", "ø": "o", "đ": "d",
              "ħ": "h", "ı": "i", "ς": "σ" };
var BASE_CHARS = /[œæßłøđħıς]/g;
var MARKS = /\p{Mn}/gu;

/** Compatibility decomposition, lower case, combining marks dropped, the
 *  letters of BASES spelt out, NFC: "Łódź" -> "lodz", "ﬁn" -> "fin". */
function word(text) {
  return text.normalize("NFKD").toLowerCase().replace(MARKS, "")
    .replace(BASE_CHARS, function (c) { return BASES[c]; }).normalize("NFC");
}

/**
 * `text` folded one character (code point) at a time, and for each folded
 * character the index in `text` of the character it comes from (plus one
 * entry for the end): marks found in the folded text go back to the
 * original. Equal to word(text) for NFC text, but for conjoining Hangul jamo.
 */
function withMap(text) {
  var folded = "";
  var map = [];
  var at = 0;
  for (var ch of text) {
    var f = word(ch);
    for (var j = 0; j < f.length; j++) map.push(at);
    folded += f;
    at += ch.length;
  }
  map.push(text.length);
  return { text: folded, map: map };
}

glose.fold = { word: word, withMap: withMap };
