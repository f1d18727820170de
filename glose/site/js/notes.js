/*
 * Teachers' notes: names Material's note markers, opens the notes to print.
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

var noteObserver = null;

/** Label the markers now and whenever Material adds some. */
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

/** On paper every note shows, folded or not. */
function openNotes() {
  var notes = document.querySelectorAll("details.glose-notes, .glose-notes details");
  for (var i = 0; i < notes.length; i++) notes[i].open = true;
}

window.addEventListener("beforeprint", openNotes);
glose.onPage(watchNoteMarkers);
