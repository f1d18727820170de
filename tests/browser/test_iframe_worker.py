"""assets/glose/iframe-worker.js, the Worker stand-in under file://: a message posted before
the worker's script has loaded is answered (as the upstream shim does, and a real Worker)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

ARTICLE = "articles/otan-invasion-ukraine-2022-02.html"

_POST_AT_ONCE = """() => {
  const worker = new Worker("../assets/glose/search-worker.js");
  worker.onmessage = event => { window.__answers = (window.__answers || []).concat([event.data]); };
  worker.postMessage({ type: 0, data: { config: { separator: "[\\\\s\\\\-]+",
                                                  glose: { shards: [], pages: [], sections: 0 } } } });
  worker.postMessage({ type: 2, data: "otan" });
  // search-suggest.js wraps window.Worker to hear the answers: the worker itself tells
  return typeof window.IFrameWorker === "function" && worker instanceof window.IFrameWorker;
}"""


def test_a_message_posted_at_once_is_answered(page, site):
    page.goto(site.url(ARTICLE))
    page.wait_for_load_state("load")
    shimmed = page.evaluate(_POST_AT_ONCE)
    assert shimmed is (site.mode == "file")  # from disk, the shim; over http, a real Worker
    page.wait_for_function("(window.__answers || []).length === 2", timeout=10_000)
    assert page.evaluate("window.__answers") == [{"type": 1}, {"type": 3, "data": {"items": []}}]
