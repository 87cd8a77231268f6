"""Tabs kept open between tests, each handed on as a patient's new tab would be.

A new tab costs Chromium a renderer process of its own: about 1.5 CPU-seconds over its
life for the app's first page alone, against about 0.7 for the same page in a tab that is
already open. So a test's tabs are not closed but given back (``give_back``) and the next
test opening a tab with the same options gets one of them, wiped first of what a new tab
never holds:

- every listener the test added (``page.on``, ``page.once``);
- the page: ``about:blank``, so no app script is left to write anything again;
- cookies, ``localStorage`` (Streamlit's folded step list) and ``sessionStorage`` (the
  app's copy of the answers), for each origin the test's tabs visited, by
  ``forget_storage``: DevTools' "local storage" there is both kinds of DOM storage, which
  ``tests/browser/test_shared_tabs.py`` checks.

What cannot be undone ends the tab: a tab whose test added an init script, exposed a
function, routed requests, or changed the screen size or media is closed, never handed
on; so is one that could not be wiped. When in doubt, close.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

LASTING = (
    "add_init_script",
    "expose_binding",
    "expose_function",
    "emulate_media",
    "route",
    "route_from_har",
    "route_web_socket",
    "set_default_navigation_timeout",
    "set_default_timeout",
    "set_extra_http_headers",
    "set_viewport_size",
)
"""Page methods whose effect outlives the page's document: a tab that used one is closed."""
TIMEOUT_MS = 20_000


def origin_of(url: str) -> str:
    parts = urlparse(url)
    return f"{parts.scheme}://{parts.netloc}"


def forget_storage(ctx: BrowserContext, origins: set[str], via: Page | None = None) -> None:
    """Wipe ``ctx``'s cookies and each origin's storage (DevTools ``Storage.clearDataForOrigin``),
    without loading a page; the HTTP cache stays, which is why the context is shared.

    DevTools speaks through a tab: ``via``, one of the context's idle tabs, else a new one."""
    ctx.clear_cookies()
    page = via or ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    for origin in sorted(origin for origin in origins if origin.startswith("http")):
        cdp.send(
            "Storage.clearDataForOrigin",
            {
                "origin": origin,
                "storageTypes": "cookies,local_storage,indexeddb,cache_storage,service_workers",
            },
        )
    cdp.detach()
    if via is None:
        page.close()


@dataclass
class _Tab:
    """What the pool knows of one open tab during a test."""

    key: str
    listeners: list[tuple[str, Callable[..., Any]]] = field(default_factory=list)
    origins: set[str] = field(default_factory=set)
    lasting: bool = False


class TabPool:
    """This worker's browser contexts, one per set of options, and their idle tabs."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.contexts: dict[str, BrowserContext] = {}
        self.idle: dict[str, list[Page]] = {}
        self._tabs: dict[Page, _Tab] = {}

    def open(self, **options: Any) -> Page:
        """A tab as a patient's new one: no session, no stored answers, no cookies."""
        key = json.dumps(options, sort_keys=True)
        if key not in self.contexts:
            self.contexts[key] = self.browser.new_context(**options)
            self.contexts[key].set_default_timeout(TIMEOUT_MS)
        idle = self.idle.setdefault(key, [])
        page = idle.pop() if idle else self._new_page(key)
        tab = self._tabs[page] = _Tab(key)
        page.on("framenavigated", lambda frame: tab.origins.add(origin_of(frame.url)))
        return page

    def give_back(self, pages: list[Page]) -> None:
        """The tabs a test used: wiped and kept, or closed (see the module's docstring)."""
        origins: set[str] = set()
        for page in pages:
            tab = self._tabs.pop(page)
            origins |= tab.origins
            if page.is_closed():
                continue
            if tab.lasting or not self._wipe(page, tab):
                page.close()
                continue
            self.idle[tab.key].append(page)
        for ctx in {page.context for page in pages}:
            idle = [page for page in self.idle[self._key_of(ctx)] if page.context is ctx]
            forget_storage(ctx, origins, via=idle[0] if idle else None)

    def close(self) -> None:
        for ctx in self.contexts.values():
            ctx.close()

    def _key_of(self, ctx: BrowserContext) -> str:
        return next(key for key, known in self.contexts.items() if known is ctx)

    def _new_page(self, key: str) -> Page:
        page = self.contexts[key].new_page()
        for name in LASTING:
            setattr(page, name, self._marking_lasting(page, getattr(page, name)))
        for name in ("on", "once"):
            setattr(page, name, self._recording(page, getattr(page, name)))
        return page

    def _marking_lasting(self, page: Page, method: Callable[..., Any]) -> Callable[..., Any]:
        def marked(*args: Any, **kwargs: Any) -> Any:
            self._tabs[page].lasting = True
            return method(*args, **kwargs)

        return marked

    def _recording(self, page: Page, method: Callable[..., Any]) -> Callable[..., Any]:
        def recorded(event: str, handler: Callable[..., Any]) -> None:
            self._tabs[page].listeners.append((event, handler))
            method(event, handler)

        return recorded

    @staticmethod
    def _wipe(page: Page, tab: _Tab) -> bool:
        """Whether the tab is now as a new one is; False if any part could not be done."""
        for event, handler in tab.listeners:
            with suppress(KeyError, ValueError):  # a ``once`` listener that already ran
                page.remove_listener(event, handler)
        try:
            page.goto("about:blank")  # no app script left to write its copy again
        except PlaywrightError:
            return False
        return True
