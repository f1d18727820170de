/*
 * Glose: French search for lunr, in place of the theme's lunr.fr.min.js.
 *
 * Used only by `build.py serve`: a site built by build.py searches with
 * Glose's own worker (assets/glose/search-worker.js) and a prebuilt index,
 * and never loads lunr. The live preview runs `mkdocs serve`, which writes no
 * such index, so it keeps Material's worker, with this file.
 *
 * The build assembles it, after fold.js (glose/site/scripts.py), into
 * docs/assets/javascripts/lunr/min/lunr.fr.min.js, where it replaces
 * Material's file of the same path (MkDocs adds a theme file only
 * when docs/ has none). Material's search worker loads it with importScripts
 * after lunr.stemmer.support.min.js and calls `builder.use(lunr.fr)`.
 *
 * Why not the stock French support:
 *   - Material appends "*" to every query term, and lunr skips the search
 *     pipeline for wildcard terms, so a stemmer only ever changes the index:
 *     "défenses" and "traité" then find nothing.
 *   - Its trimmer keeps letters only, so "4" and "2022" vanish from the index.
 *   - lunr lowercases but folds no accents: "defense" never finds "défense".
 *
 * Here the index pipeline trims punctuation (keeping letters and digits) and
 * emits each token plus, when different, its accent-free form. Both tokens
 * keep the original position, so Material highlights the word as written.
 * Queries are lowercased by lunr's query parser; "defense*" and "Defense*"
 * match the folded form, "défense*" the accented one.
 *
 * Results: see dedupePositions below.
 *
 * Only the names below are defined on lunr.fr: Material removes
 * lunr.fr.trimmer / stemmer / stopWordFilter from the pipelines unless the
 * search plugin's `pipeline` option names them, so our functions carry other
 * names and survive whatever that option says. lunr.multiLanguage (several
 * `lang` values) would use only wordCharacters from this file.
 */

var lunr = self.lunr;
if (typeof lunr === "undefined") {
  throw new Error("lunr.fr: lunr must be loaded first");
}

var EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** Accent-free, ligature-free form of a word, as the site's search folds it (fold.js). */
var fold = glose.fold.word;

/** Index pipeline: strip leading/trailing punctuation, keep digits;
 * drop tokens that were punctuation only ("§", "—"). */
function trimmer(token) {
  var word = token.toString().replace(EDGE, "");
  if (!word) return null;
  return token.update(function () { return word; });
}

/** Index pipeline: the token, then its folded twin when it differs. */
function accentFolder(token) {
  var folded = fold(token.toString());
  if (folded === token.toString()) return token;
  return [token, token.clone(function () { return folded; })];
}

/** Search pipeline (terms without wildcard only): fold the query term. */
function queryFolder(token) {
  return token.update(fold);
}

/**
 * A word and its folded twin share one position, so a prefix query that
 * matches both ("d*" finds "défense" and "defense") reports the position
 * twice, and Material would wrap the word in <mark> twice (nested, broken).
 * Keep each position once per result and field.
 */
function dedupePositions(result) {
  var seen = Object.create(null);
  var metadata = result.matchData.metadata;
  Object.keys(metadata).forEach(function (term) {
    Object.keys(metadata[term]).forEach(function (field) {
      var data = metadata[term][field];
      if (!Array.isArray(data.position)) return;
      var done = seen[field] || (seen[field] = new Set());
      data.position = data.position.filter(function (p) {
        var key = String(p);
        if (done.has(key)) return false;
        done.add(key);
        return true;
      });
    });
  });
  return result;
}

// This file is only ever loaded in the search worker, so patching lunr
// here changes nothing else on the page.
var query = lunr.Index.prototype.query;
if (!query.gloseDedupe) {
  lunr.Index.prototype.query = function () {
    return query.apply(this, arguments).map(dedupePositions);
  };
  lunr.Index.prototype.query.gloseDedupe = true;
}

lunr.Pipeline.registerFunction(trimmer, "glose-trimmer-fr");
lunr.Pipeline.registerFunction(accentFolder, "glose-fold-fr");
lunr.Pipeline.registerFunction(queryFolder, "glose-query-fold-fr");

/** The plugin Material applies with `this.use(lunr.fr)`. */
lunr.fr = function () {
  this.pipeline.reset();
  this.pipeline.add(trimmer, accentFolder);
  if (this.searchPipeline) {
    this.searchPipeline.reset();
    this.searchPipeline.add(queryFolder);
  }
};
lunr.fr.wordCharacters =
  "0-9A-Za-z\u00AA\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02B8" +
  "\u1E00-\u1EFF\uFB00-\uFB06\uFF21-\uFF3A\uFF41-\uFF5A";
lunr.fr.gloseFold = fold;
lunr.fr.gloseTrimmer = trimmer;
lunr.fr.gloseAccentFolder = accentFolder;
