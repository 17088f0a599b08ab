"""The only place that knows Streamlit's DOM: selectors and waits for the browser tests."""

from __future__ import annotations

from playwright.sync_api import Page, expect

APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
APP_CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'


def wait_idle(page: Page, timeout: float = 15_000) -> None:
    """Wait until the script run finished (give a rerun a moment to start first)."""
    page.wait_for_timeout(150)
    page.wait_for_selector(APP_IDLE, timeout=timeout)


def open_page(page: Page, url: str) -> None:
    """Open a URL and wait until the app is connected and idle."""
    page.goto(url)
    page.wait_for_selector(APP_CONNECTED, timeout=20_000)
    wait_idle(page)


def sidebar_nav(page: Page):
    return page.get_by_test_id("stSidebarNav")


def click_sidebar_link(page: Page, title: str) -> None:
    """Go to a page through the sidebar, as a person would."""
    sidebar_nav(page).get_by_role("link", name=title).click()
    wait_idle(page)


def main_heading(page: Page):
    return page.get_by_role("heading", level=1)


def expect_no_exception(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def widget_by_key(page: Page, key: str):
    """A widget found by its session key (Streamlit adds the class st-key-<key>)."""
    return page.locator(f".st-key-{key}")
