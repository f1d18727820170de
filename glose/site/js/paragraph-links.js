/*
 * Paragraph numbers: clicking §n goes to #pN (it is a link) and copies that
 * address, which Material's snackbar confirms.
 */

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

document.addEventListener("click", onPnumClick);
