"""Browser tests: build the shipped project once, open the site from disk and over HTTP.

Which Chromium runs: $GLOSE_CHROMIUM, else /usr/bin/chromium (or `chromium` on PATH), else the one
`playwright install chromium` downloads. With none of them the tests are skipped, unless
GLOSE_REQUIRE_BROWSER=1 (CI), which turns the skip into a failure.

Every request a page makes is recorded; a test fails (at teardown) if one leaves the site:
file:// pages may load only file:// URLs, HTTP pages only the test server; data: and blob: are fine.
An uncaught exception or a console error (a file that does not load) fails the test the same way.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from support import build_in_subprocess, copy_sources

ROOT = Path(__file__).resolve().parents[2]
"""The repository: build.py, corpus/, glossary/, mkdocs.yml."""
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
"""Written on every run, for people to look at (git-ignored)."""

ARTICLE = "articles/otan-invasion-ukraine-2022-02.html"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"viewport": {"width": 375, "height": 667}, "has_touch": True, "is_mobile": True,
         "device_scale_factor": 2}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
NO_BROWSER = ("no Chromium for the browser tests: `apt-get install chromium` (or "
              "`python -m playwright install chromium`), or set GLOSE_CHROMIUM to a Chromium "
              "executable")


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: runs the built site in headless Chromium")


def _browser_required() -> bool:
    return os.environ.get("GLOSE_REQUIRE_BROWSER") == "1"


def _no_browser(reason: str):
    """Skip, or fail when CI says a browser must be there."""
    if _browser_required():
        pytest.fail(f"{reason} (GLOSE_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


def _playwright_missing() -> str | None:
    """Why the Python side of the tests cannot run, or None."""
    try:
        import playwright.sync_api  # noqa: F401
        import pytest_playwright  # noqa: F401
    except ImportError as err:
        return f"{err.name} is not installed: pip install pytest-playwright"
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Browser tests without Playwright: skip (or fail under GLOSE_REQUIRE_BROWSER=1)."""
    if "browser" in item.keywords:
        missing = _playwright_missing()
        if missing:
            _no_browser(missing)


def _chromium_executable(playwright) -> str | None:
    """The Chromium to run, in the order the module docstring gives; None if there is none."""
    wanted = os.environ.get("GLOSE_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).is_file() else None
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    bundled = playwright.chromium.executable_path
    return bundled if bundled and Path(bundled).is_file() else None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, playwright):
    """pytest-playwright's launch options, with our Chromium and its quiet flags."""
    executable = _chromium_executable(playwright)
    if executable is None:
        wanted = os.environ.get("GLOSE_CHROMIUM")
        _no_browser(f"GLOSE_CHROMIUM={wanted} is not a file" if wanted else NO_BROWSER)
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture
def browser_context_args(browser_context_args):
    """Every context: French locale (window sizes are set by `page` and `phone`)."""
    return {**browser_context_args, "locale": "fr-FR"}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped corpus and glossary built by build.py into a throwaway project; its site/."""
    project = copy_sources(ROOT, tmp_path_factory.mktemp("project"))
    build_in_subprocess(project)
    site = project / "site"
    assert (site / ARTICLE).is_file(), f"{ARTICLE} was not built"
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def http_base(built_site):
    """The site served on 127.0.0.1 (random port) from a thread: its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def http_server():
    """A function that serves a folder on 127.0.0.1 (random port, a thread) and returns its
    base URL, ending with "/"; every server it started stops after the test."""
    servers = []

    def serve(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@dataclass
class Site:
    """The built site as one test opens it, and the requests its pages made."""

    mode: str
    """"file" (opened from disk) or "http" (the local server)."""
    base: str
    """URL of the site's root folder, ending with "/"."""
    requests: list[str] = field(default_factory=list)
    """Every URL requested by the pages of the contexts being watched."""
    errors: list[str] = field(default_factory=list)
    """Uncaught exceptions and console errors of those pages (a missing file shows up here)."""

    def url(self, path: str) -> str:
        """Address of a page of the site, path relative to site/."""
        return self.base + path

    def watch(self, context):
        """Record the requests of every page (and frame) of a browser context; return it."""
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("weberror", lambda error: self.errors.append(f"uncaught: {error.error}"))
        context.on("console", lambda message: message.type == "error" and self.errors.append(
            f"console: {message.text} ({message.location.get('url')})"))
        return context

    def outside(self) -> list[str]:
        """The recorded requests that left the site."""
        allowed = ("data:", "blob:", "about:", self.base)
        return [url for url in self.requests if not url.startswith(allowed)]

    def assert_clean(self) -> None:
        """Fail if a request left the site or a page reported an error."""
        outside = self.outside()
        assert not outside, f"requests left the site ({self.mode}): {outside}"
        assert not self.errors, f"errors in the pages ({self.mode}): {self.errors}"


@pytest.fixture(params=["file", "http"])
def site(request, built_site) -> Site:
    """The site from disk, then over HTTP; fails at teardown if a request left it or a page
    reported an error."""
    if request.param == "file":
        base = built_site.as_uri() + "/"
    else:
        base = request.getfixturevalue("http_base")
    watched = Site(request.param, base)
    yield watched
    watched.assert_clean()


@pytest.fixture
def page(new_context, site):
    """A page in a desktop window (1280x900), requests checked by `site`."""
    context = site.watch(new_context(viewport=DESKTOP))
    return context.new_page()


@pytest.fixture
def phone(new_context, site):
    """A page in a touch phone viewport (375x667), requests checked by `site`."""
    context = site.watch(new_context(**PHONE))
    return context.new_page()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The folder for the screenshots each run saves."""
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
