/*
 * Glose: the site's search worker, in place of Material's.
 *
 * Material's worker builds a lunr index of the whole site every time a page
 * is opened (7 s at 2,000 articles). This one answers from the index that
 * the build wrote (glose/site/search_index.py) and loads only what a query needs:
 *   search/shards/<key>.js  the words that start with two given letters (key:
 *                           their UTF-8 bytes in hex), each with its sections;
 *   search/table/<n>.js     location, title and opening of TABLE_ROWS sections;
 *   search/text/<n>.js      the plain text of TEXT_ROWS sections (for excerpts);
 *   search/pages.js         location and title of every page;
 *   search/words/<key>.js   the words that start with a given character,
 *                           how they are written and how often: when a
 *                           query finds nothing, the nearest words of the
 *                           index are suggested (RESULT's glose_suggestion).
 * Each file calls GloseSearch.shard/table/text/pages. They are loaded with
 * importScripts: synchronous in a real worker (http), a Promise in the
 * iframe that runs this script from file:// (iframe-worker.js).
 *
 * Messages, as Material's own worker (integrations/search/worker):
 *   SETUP {config} -> READY, at once: there is nothing to build;
 *   QUERY "text"   -> RESULT {items}: one list per page, the page and its
 *                     matching sections, each {location, title, text, score,
 *                     terms}, title and text as HTML with the words <mark>ed.
 * Every page found is sent: Material shows the number of items as the number
 * of documents found (rounded above 999: "2.6k"), renders 10, then 4 more at
 * each scroll to the bottom of the list. The DETAILED_PAGES best pages come
 * with their matching sections and excerpts (table and text files); the
 * others with their title alone, from pages.js, which the first query that
 * finds more pages than that loads (once, with its table and text files).
 * Only the answer to the latest query is sent (an earlier one may finish
 * later, having had more files to load), and a query typed over before its
 * shards arrived (over http, where they load at once: before it is ranked)
 * loads nothing else.
 *
 * What a query finds is described in README.md ("Search, offline and in
 * French"); `words` must stay that of glose/site/search_index.py (words),
 * and fold.js, assembled before this file (glose/site/scripts.py), is the
 * JavaScript copy of glose/folding.py (fold_word).
 */

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; // Material's message types

var DETAILED_PAGES = 50; // pages listed with their sections (every page found is listed)
var CONTEXT_PAGES = 10; // pages whose excerpts start near the first match
// Sections per table and text file: set from the index's config, which the build writes
// (glose/site/search_index.py, TABLE_ROWS and TEXT_ROWS), never copied here by hand.
var TABLE_ROWS = 0;
var TEXT_ROWS = 0;
var EXCERPT = 160;      // characters of an excerpt (search_index.OPENING)
var K1 = 1.2;           // how fast repeating a word stops adding (BM25)
var TITLE_BOOST = 5;    // a word in the title outweighs any count in the text
var PAGE_BOOST = 2.5;   // a page before its own sections (as Material ranks)

var EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

var base = new URL("../../search/", scriptUrl()).href;
var index = { separator: /[\s\-]+/g, shards: new Set(), words: new Set(), starts: [], sections: 0 };
var files = { shards: {}, table: {}, text: {}, pages: {}, words: {} };
var loading = {};
var latest = 0;

/* ---------------------------------------------------------------- words */

var fold = glose.fold.word; // "Œuvré" -> "oeuvre" (fold.js)

/** The word a part of a text stands for: folded, punctuation trimmed ("" for none). */
function wordOf(part) {
  return fold(part).replace(EDGES, "");
}

/** [start, end] of each part of `text` between two separators (as Material splits). */
function parts(text, separator) {
  var found = [], at = 0, match;
  separator.lastIndex = 0;
  while ((match = separator.exec(text))) {
    if (match.index > at) found.push([at, match.index]);
    at = match.index + match[0].length;
    if (!match[0].length) separator.lastIndex++;
  }
  if (at < text.length) found.push([at, text.length]);
  return found;
}

/** The words of `text`, as glose/site/search_index.py `words` gives them. */
function words(text, separator) {
  return parts(text, separator).map(function (p) { return wordOf(text.slice(p[0], p[1])); })
    .filter(Boolean);
}

/** The query's words: {term (as typed, lower case: Material's ?h=), key (folded)}. */
function queryWords(query) {
  var seen = {}, list = [];
  parts(query, index.separator).forEach(function (p) {
    var part = query.slice(p[0], p[1]), key = wordOf(part);
    if (!key || seen[key]) return;
    seen[key] = true;
    list.push({ term: part.toLowerCase().replace(EDGES, ""), key: key });
  });
  return list;
}

/* ---------------------------------------------------------------- files */

/** URL of this script (in the iframe, the first script; see iframe-worker.js). */
function scriptUrl() {
  var script = typeof document !== "undefined" && document.querySelector("script[src]");
  return script ? script.src : self.location.href;
}

/** Load search/<folder>/<key>.js (search/pages.js) once; resolve with what it handed over. */
function load(folder, key) {
  if (!loading[folder + key]) {
    var path = folder === "pages" ? "pages.js" : folder + "/" + key + ".js";
    loading[folder + key] = new Promise(function (resolve) {
      resolve(importScripts(base + path));
    });
  }
  return loading[folder + key].then(function () { return files[folder][key]; });
}

function hex(text) {
  return Array.from(new TextEncoder().encode(text), function (b) {
    return b.toString(16).padStart(2, "0");
  }).join("");
}

self.GloseSearch = {
  shard: function (key, data) { files.shards[key] = data; },
  table: function (n, rows) { files.table[n] = rows; },
  text: function (n, texts) { files.text[n] = texts; },
  pages: function (n, rows) { files.pages[n] = rows; },
  vocabulary: function (key, rows) { files.words[key] = rows; },
  fold: fold,
  words: function (text, separator) { return words(text, new RegExp(separator, "g")); }
};

/* ---------------------------------------------------------------- search */

/**
 * The sections that hold a query word: Map section -> [count in the text,
 * in the title], and the words of the index it matched. A word matches the
 * words it starts ("réaction" finds "réactions"); a one-letter word (the l
 * of "l'Otan") only itself; a word of 4 letters or more ending in s or x
 * also the word without it ("traités" finds "traité").
 */
async function lookUp(word) {
  var letters = Array.from(word.key), key = hex(letters.slice(0, 2).join(""));
  var hits = new Map(), matched = [];
  if (!index.shards.has(key)) return { hits: hits, matched: matched };
  var shard = await load("shards", key);
  var singular = letters.length >= 4 && /[sx]$/.test(word.key) ? word.key.slice(0, -1) : null;
  Object.keys(shard).forEach(function (token) {
    var match = letters.length === 1 ? token === word.key
      : token.startsWith(word.key) || token === singular;
    if (!match) return;
    matched.push(token);
    for (var list = shard[token], i = 0, section = 0; i < list.length; i += 2) {
      section += list[i];
      var hit = hits.get(section) || [0, 0];
      hit[0] += list[i + 1] >> 1;
      hit[1] |= list[i + 1] & 1;
      hits.set(section, hit);
    }
  });
  return { hits: hits, matched: matched };
}

/** Sections that hold every word, best first: [[section, score], ...]. */
function rank(found) {
  found.sort(function (a, b) { return a.hits.size - b.hits.size; });
  var scores = new Map();
  found[0].hits.forEach(function (hit, section) { scores.set(section, 0); });
  found.forEach(function (word) {
    var weight = Math.log(1 + index.sections / word.hits.size); // rarer words weigh more
    scores.forEach(function (score, section) {
      var hit = word.hits.get(section);
      if (!hit) return scores.delete(section);
      scores.set(section, score + weight * (hit[0] * (K1 + 1) / (hit[0] + K1) + TITLE_BOOST * hit[1]));
    });
  });
  return Array.from(scores, function (entry) {
    return [entry[0], entry[1] * (index.starts[pageOf(entry[0])] === entry[0] ? PAGE_BOOST : 1)];
  }).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
}

/** The number of the page that `section` belongs to (its row in pages.js). */
function pageOf(section) {
  var starts = index.starts, low = 0, high = starts.length - 1;
  while (low < high) {
    var middle = (low + high + 1) >> 1;
    if (starts[middle] <= section) low = middle; else high = middle - 1;
  }
  return low;
}

/** Every page found, best first (by its best section): [{page, sections}, ...], where
 * page is the page's number and sections its matching [[section, score], ...], best first. */
function group(ranked) {
  var pages = new Map();
  ranked.forEach(function (entry) {
    var page = pageOf(entry[0]);
    if (!pages.has(page)) pages.set(page, []);
    pages.get(page).push(entry);
  });
  return Array.from(pages, function (entry) { return { page: entry[0], sections: entry[1] }; });
}

/** Material's result for `query`, or null once a later query has come. */
async function search(query, id) {
  var list = queryWords(query);
  if (!list.length || !index.sections) return { items: [] };
  var found = await Promise.all(list.map(lookUp));
  if (found.some(function (f) { return !f.hits.size; })) {
    return { items: [], glose_suggestion: await suggestion(query, list, found) };
  }
  // Let a query typed meanwhile come in (over http, importScripts loaded the shards at once).
  await new Promise(function (resolve) { setTimeout(resolve); });
  if (id !== latest) return null; // typed on: load no table, text or page titles for this one
  var rarest = found.reduce(function (a, b) { return b.hits.size < a.hits.size ? b : a; });
  var marked = {
    all: new Set([].concat.apply([], found.map(function (f) { return f.matched; }))),
    rarest: new Set(rarest.matched) // excerpts start near it: "réaction" rather than "de"
  };
  var pages = group(rank(found));
  var detailed = pages.slice(0, DETAILED_PAGES), others = pages.slice(DETAILED_PAGES);
  var terms = {};
  list.forEach(function (word) { terms[word.term] = true; });
  await Promise.all([loadRows(detailed), others.length ? load("pages", 0) : null]);
  var items = detailed.map(function (listed, n) {
    var context = n < CONTEXT_PAGES, first = index.starts[listed.page];
    var results = listed.sections.map(function (entry) {
      return item(entry[0], entry[1], terms, marked, context);
    });
    if (!listed.sections.some(function (entry) { return entry[0] === first; })) {
      // As Material: the page heads its sections, unmarked.
      results.push(item(first, 0, {}, { all: new Set(), rarest: new Set() }, false));
    }
    return results;
  });
  others.forEach(function (listed) {
    // Below the best pages: the page alone, its title marked, scored by its best section.
    items.push([{ location: files.pages[0][listed.page][0], title: pageTitle(listed.page, found, marked.all),
                  score: listed.sections[0][1], terms: terms, text: "" }]);
  });
  return { items: items };
}

/** The title of page number `page` (pages.js) as HTML, its words in `matched` marked. A
 * query lists thousands of titles that most often hold none of its words: whether one does
 * is told by the index (a word's hit in the page's own section, in the title), so that
 * titles are not split into words (0.1 s for 11,000 pages). */
function pageTitle(page, found, matched) {
  var first = index.starts[page], title = files.pages[0][page][1];
  var inTitle = found.some(function (word) {
    var hit = word.hits.get(first);
    return hit && hit[1];
  });
  return inTitle ? highlight(title, matched) : escape(title);
}

/** Load the table files of every section of `pages` (and of their pages), and the text
 * files of the sections of the first CONTEXT_PAGES. */
function loadRows(pages) {
  var wanted = [];
  pages.forEach(function (listed, n) {
    var context = n < CONTEXT_PAGES;
    wanted.push(load("table", Math.floor(index.starts[listed.page] / TABLE_ROWS)));
    listed.sections.forEach(function (entry) {
      wanted.push(load("table", Math.floor(entry[0] / TABLE_ROWS)));
      if (context) wanted.push(load("text", Math.floor(entry[0] / TEXT_ROWS)));
    });
  });
  return Promise.all(wanted);
}

/** One result, as Material's worker gives it; `marked`: the words of the index found. */
function item(section, score, terms, marked, context) {
  var row = files.table[Math.floor(section / TABLE_ROWS)][section % TABLE_ROWS];
  var text = context ? excerpt(files.text[Math.floor(section / TEXT_ROWS)][section % TEXT_ROWS], marked)
    : row[2];
  return { location: row[0], title: highlight(row[1], marked.all), score: score, terms: terms,
           text: text ? "<p>" + highlight(text, marked.all) + "</p>" : "" };
}

/** About EXCERPT characters of `text`, from a little before the first word of the rarest
 * query word found (else of any query word, else from the start). */
function excerpt(text, marked) {
  var words = parts(text, index.separator).map(function (p) {
    return [p[0], wordOf(text.slice(p[0], p[1]))];
  });
  var first = words.find(function (w) { return marked.rarest.has(w[1]); }) ||
    words.find(function (w) { return marked.all.has(w[1]); });
  var at = first ? first[0] : 0;
  var start = at + 40 < EXCERPT ? 0 : text.lastIndexOf(" ", at - 40) + 1;
  var end = Math.min(text.length, start + EXCERPT);
  var space = text.lastIndexOf(" ", end);
  if (end < text.length && space > at) end = space;
  return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
}

/** `text` as HTML, its matched words in <mark> (punctuation around them left out). */
function highlight(text, matched) {
  var html = "", at = 0;
  parts(text, index.separator).forEach(function (p) {
    var part = text.slice(p[0], p[1]);
    if (!matched.has(wordOf(part))) return;
    var start = p[0] + part.length - part.replace(/^[^\p{L}\p{N}]+/u, "").length;
    var end = p[1] - (part.length - part.replace(/[^\p{L}\p{N}]+$/u, "").length);
    html += escape(text.slice(at, start)) + "<mark>" + escape(text.slice(start, end)) + "</mark>";
    at = end;
  });
  return html + escape(text.slice(at));
}

function escape(text) {
  return text.replace(/[&<>"']/g, function (c) { return ESCAPES[c]; });
}

/* ---------------------------------------------------------------- suggestions */

var SUGGESTED_MIN = 3; // shorter words are never suggested (search_index.SUGGESTED_MIN)

/**
 * The query with each word that the index lacks replaced by the nearest word
 * that it holds, as the texts write it ("stoltenbreg otan" -> "Stoltenberg
 * otan"); "" when a word has no near one. Near: at most one edit (a letter
 * added, dropped, changed, or two swapped) for words of up to five letters,
 * two for longer ones, on folded words, the first letter kept; the closest
 * wins, then the one found in most sections.
 */
async function suggestion(query, list, found) {
  var spans = parts(query, index.separator).filter(function (p) {
    return wordOf(query.slice(p[0], p[1]));
  });
  var replaced = query, shift = 0;
  for (var i = 0; i < list.length; i++) {
    if (found[i].hits.size) continue;
    var near = await nearest(list[i].key);
    if (!near) return "";
    var span = spans.find(function (p) { return wordOf(query.slice(p[0], p[1])) === list[i].key; });
    replaced = replaced.slice(0, span[0] + shift) + near + replaced.slice(span[1] + shift);
    shift += near.length - (span[1] - span[0]);
  }
  return replaced;
}

/** How the index's nearest word to `key` is written, or "". */
async function nearest(key) {
  var letters = Array.from(key);
  if (letters.length < SUGGESTED_MIN) return "";
  var file = hex(letters[0]);
  if (!index.words.has(file)) return "";
  var rows = await load("words", file);
  var limit = letters.length <= 5 ? 1 : 2, best = null;
  rows.forEach(function (row) {
    var other = Array.from(row[0]);
    if (Math.abs(other.length - letters.length) > limit) return;
    var d = distance(letters, other, limit);
    if (d > limit) return;
    if (!best || d < best.d || (d === best.d && row[2] > best.count)) {
      best = { d: d, count: row[2], written: row[1] };
    }
  });
  return best ? best.written : "";
}

/** Edits between two arrays of letters (optimal string alignment: an insertion,
 * a deletion, a change or the swap of two neighbours each count 1), or limit
 * + 1 as soon as it is sure to be more than `limit`. */
function distance(a, b, limit) {
  var before = null, previous = [], current = [];
  for (var j = 0; j <= b.length; j++) previous.push(j);
  for (var i = 1; i <= a.length; i++) {
    current = [i];
    var low = i;
    for (j = 1; j <= b.length; j++) {
      var cost = a[i - 1] === b[j - 1] ? 0 : 1;
      var d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2] + 1);
      }
      current.push(d);
      low = Math.min(low, d);
    }
    if (low > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/* ---------------------------------------------------------------- messages */

function setUp(config) {
  var glose = config.glose || { shards: [], pages: [], sections: 0, table_rows: 1, text_rows: 1 };
  var at = 0;
  TABLE_ROWS = glose.table_rows;
  TEXT_ROWS = glose.text_rows;
  index = {
    separator: new RegExp(config.separator, "g"),
    shards: new Set(glose.shards),
    words: new Set(glose.words || []),
    starts: glose.pages.map(function (gap) { return (at += gap); }),
    sections: glose.sections
  };
}

function answer(query, id) {
  search(query, id).catch(function (err) {
    console.warn("Glose search: " + err);
    return { items: [] };
  }).then(function (result) {
    if (result && id === latest) postMessage({ type: RESULT, data: result });
  });
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    setUp(message.data.config);
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    answer(message.data, ++latest);
  }
});
