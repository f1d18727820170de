/*
 * A long concordance in parts (glose/render/passages.py): a glossary page shows
 * the passages of its first articles and a button; the rest lies in data files
 * beside the page (<slug>-passages-<n>.js). A click loads them one after the
 * other, each with a <script> element (that works from file://, where fetch
 * does not), which hands its articles to this script through an event on the
 * element; they are shown as the page shows its own, built with textContent.
 */

function load(button) {
  var slug = button.getAttribute("data-term");
  var files = Number(button.getAttribute("data-files"));
  var list = button.closest(".glose-concordance");
  var fold = Number(list.getAttribute("data-fold")) || 10;
  var place = button.parentElement;
  button.disabled = true;
  var next = function (number) {
    if (number > files) {
      place.remove();
      return;
    }
    var script = document.createElement("script");
    script.addEventListener("glose:passages", function (event) {
      event.detail.forEach(function (group) { place.before(renderGroup(group, fold)); });
    });
    script.addEventListener("load", function () { script.remove(); next(number + 1); });
    script.addEventListener("error", function () { button.disabled = false; });
    script.src = slug + "-passages-" + number + ".js";
    document.body.appendChild(script);
  };
  next(1);
}

/** One article's passages, as render/blocks.py writes them. */
function renderGroup(group, fold) {
  var slug = group[0], title = group[1], date = group[2], passages = group[3];
  var folded = passages.length > fold;
  var box = document.createElement(folded ? "details" : "div");
  box.className = "glose-kwic-group";
  var heading = document.createElement(folded ? "summary" : "p");
  if (!folded) heading.className = "glose-kwic-title";
  var link = element("a", "", title);
  link.href = "../articles/" + slug + ".html";
  heading.append(link);
  if (date) heading.append(" ", element("span", "glose-date", "(" + date + ")"));
  heading.append(" : " + passages.length + " passage" + (passages.length > 1 ? "s" : ""));
  box.append(heading);
  var items = element("ul", "glose-kwic", "");
  passages.forEach(function (p) { items.append(renderPassage(slug, p)); });
  box.append(items);
  return box;
}

function renderPassage(slug, p) {
  var item = document.createElement("li");
  var link = document.createElement("a");
  link.href = "../articles/" + slug + ".html#p" + p[0];
  link.append(element("span", "glose-kwic-left", p[1]), element("mark", "", p[2]),
              element("span", "glose-kwic-right", p[3]), " ", element("span", "glose-kwic-ref", "§" + p[0]));
  item.append(link);
  return item;
}

function element(name, className, text) {
  var node = document.createElement(name);
  if (className) node.className = className;
  node.textContent = text;
  return node;
}

document.addEventListener("click", function (event) {
  var target = event.target instanceof Element ? event.target : null;
  var button = target && target.closest("button.glose-more__button");
  if (button && !button.disabled) load(button);
});
