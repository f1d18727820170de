/*
 * Accent and case folding of the page script (search marks).
 */

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

glose.fold = { withMap: foldWithMap };
