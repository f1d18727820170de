/*
 * Teachers' notes: names Material's note markers, keeps the punctuation that
 * follows a marker on its line, opens the notes to print.
 */

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

// Material's marker is an inline block, after which a line may break: ", a-t-il"
// or " ?" would then start the next line (on screen and on paper). The marker
// and the punctuation that follows it go into one unbreakable span.
var PUNCTUATION = /^[\s\u00a0\u202f]*[,.;:!?…)\]»%]+/;

function glueMarkers(scope) {
  var markers = scope.querySelectorAll("aside.md-annotation");
  for (var i = 0; i < markers.length; i++) {
    var marker = markers[i], next = marker.nextSibling;
    if (marker.parentNode.classList.contains("glose-nobreak")) continue;
    if (!next || next.nodeType !== Node.TEXT_NODE) continue;
    var match = PUNCTUATION.exec(next.nodeValue);
    if (!match) continue;
    next.splitText(match[0].length);
    var glue = document.createElement("span");
    glue.className = "glose-nobreak";
    marker.parentNode.insertBefore(glue, marker);
    glue.appendChild(marker);
    glue.appendChild(next);
  }
}

var noteObserver = null;

/** Label the markers now and whenever Material adds some. */
function watchNoteMarkers() {
  var content = document.querySelector(".md-content");
  if (noteObserver) noteObserver.disconnect();
  if (!content) return;
  labelNoteMarkers(content);
  glueMarkers(content);
  noteObserver = new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      if (records[i].addedNodes.length) {
        labelNoteMarkers(content);
        glueMarkers(content);
        return;
      }
    }
  });
  noteObserver.observe(content, { childList: true, subtree: true });
}

/** On paper every note shows, folded or not. */
function openNotes() {
  var notes = document.querySelectorAll("details.glose-notes, .glose-notes details");
  for (var i = 0; i < notes.length; i++) notes[i].open = true;
}

window.addEventListener("beforeprint", openNotes);
glose.onPage(watchNoteMarkers);
