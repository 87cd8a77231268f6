"""Tabs share a context for its cache only: what one test's tab stored is gone for the next.

Streamlit remembers in ``localStorage`` whether the step list is folded; a phone test that
unfolds it once left every later phone test behind an open step list (a flaky CI failure).
"""

from __future__ import annotations

import pytest
from browser_driver import forget_storage, origin_of

pytestmark = pytest.mark.browser


def test_what_one_tab_stored_is_gone_for_the_next(browser, server):
    ctx = browser.new_context()
    try:
        first = ctx.new_page()
        first.goto(server.url)
        first.evaluate("() => localStorage.setItem('left-behind', 'yes')")
        ctx.add_cookies([{"name": "left-behind", "value": "yes", "url": server.url}])
        forget_storage(ctx, {origin_of(first.url), "about:blank"})
        first.close()

        second = ctx.new_page()
        second.goto(server.url)
        assert second.evaluate("() => localStorage.getItem('left-behind')") is None
        assert "left-behind" not in {cookie["name"] for cookie in ctx.cookies()}
    finally:
        ctx.close()
