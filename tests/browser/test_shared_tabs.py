"""Tabs share a context for its cache only: what one test's tab stored is gone for the next.

Streamlit remembers in ``localStorage`` whether the step list is folded; a phone test that
unfolds it once left every later phone test behind an open step list (a flaky CI failure).
A tab handed on to the next test (``tab_pool.TabPool``) must also have lost the app's
``sessionStorage`` copy of the answers, or the next patient would get them back.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_driver import Wizard
from patient_answers import answer_step
from tab_pool import TabPool, forget_storage, origin_of

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


@pytest.fixture
def pool(browser) -> Iterator[TabPool]:
    """A pool of this test's own, so the worker's shared one is not disturbed."""
    own = TabPool(browser)
    yield own
    own.close()


def test_a_tab_handed_on_holds_nothing_of_the_test_before(pool, server):
    first = pool.open()
    heard: list[str] = []
    first.on("console", lambda message: heard.append(message.text))
    wiz = Wizard(first, server.url).open()
    wiz.forward("welcome", "visit")
    answer_step(wiz, "visit")  # the app writes its copy of the answers to the tab
    assert first.evaluate("() => sessionStorage.length") > 0
    first.evaluate("() => localStorage.setItem('left-behind', 'yes')")
    pool.give_back([first])

    second = pool.open()
    assert second is first, "the tab was handed on, not closed"
    assert second.url == "about:blank"
    Wizard(second, server.url).open()
    stored = second.evaluate("() => [sessionStorage.length, localStorage.getItem('left-behind')]")
    assert stored == [0, None]
    second.evaluate("() => console.log('after')")
    assert "after" not in heard, "the earlier test's listener is gone"
    pool.give_back([second])


def test_a_tab_changed_for_good_is_closed_not_handed_on(pool, server):
    first = pool.open()
    first.add_init_script("window.leftBehind = true")
    first.goto(server.url)
    pool.give_back([first])
    assert first.is_closed()
    second = pool.open()
    second.goto(server.url)
    assert second.evaluate("() => window.leftBehind") is None
