/*
 * The page script's core, first of the features that glose/site/scripts.py
 * assembles into assets/glose/glose.js. Each feature is a file of
 * glose/site/js/, run in a function of its own: its variables stay its own,
 * and what features share goes through `glose`, the object every one of them
 * receives.
 *
 * The assembled script is listed in mkdocs.yml (extra_javascript), so it runs
 * after Material's bundle, at the end of <body>: the page is parsed, and
 * Material mounts its components on DOMContentLoaded, which has not fired yet.
 */

/**
 * Run `setUp` once per page shown (Material's instant navigation would show
 * several). Material mounts its components (tooltips, note markers) when its
 * document$ emits, on DOMContentLoaded; a set-up subscribed here runs after
 * them, in the order the features subscribed.
 */
glose.onPage = function (setUp) {
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
};
