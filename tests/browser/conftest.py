"""The console in a real browser: `jcg serve` on a fresh database, Debian's chromium driven by
Playwright. Without a browser these tests are skipped with a line saying so, unless
JCG_BROWSER_TESTS_REQUIRED=1 (set by .ci/run), where a missing browser fails them."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.availability import CHROMIUM, REQUIRED, why_not
from tests.serving import jcg, serve, stop

# The screenshots of every page the tests visit (gitignored).
SCREENSHOTS = Path(__file__).parent / "screenshots"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"


@pytest.fixture(autouse=True, scope="session")
def browser_available() -> None:
    """Skip (or, where required, fail) before starting anything when there is no browser."""
    reason = why_not()
    if reason is None:
        return
    if REQUIRED:
        pytest.fail(f"browser tests are required here (JCG_BROWSER_TESTS_REQUIRED=1): {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


class Site:
    """The served console: its address and a token of each role."""

    def __init__(self, base: str, database: Path):
        self.base, self.database = base, database
        self.admin = self.token("admin", "园区管理员")
        self.auditor = self.token("auditor", "市财政局审计")

    def token(self, role: str, label: str, *extra: str) -> str:
        return jcg(self.database, "token", "create", "--role", role, "--label", label, *extra).strip().splitlines()[-1]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("console")
    os.environ.setdefault("JCG_SECRET_KEY", "browser-tests-" + os.urandom(8).hex())
    port, server = serve(folder / "registry.db", folder / "serve.log", workers=1)
    try:
        yield Site(f"http://127.0.0.1:{port}", folder / "registry.db")
    finally:
        stop(server)


@pytest.fixture(scope="session")
def chromium(browser_available: None) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(locale="zh-CN", timezone_id="Asia/Shanghai",
                                   viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def sign_in(page: Any, site: Site, token: str) -> None:
    page.goto(f"{site.base}/console/login")
    page.fill('input[name="token"]', token)
    page.click('main button[type="submit"]')
    page.wait_for_load_state()


def send_event(page: Any, occurred_on: str, texts: dict[str, str], choices: dict[str, str]) -> None:
    """Fill the event form the page shows (`data.` fields by name) and send it."""
    page.fill('input[name="occurred_on"]', occurred_on)
    for name, value in texts.items():
        page.fill(f'[name="data.{name}"]', value)
    for name, value in choices.items():
        page.select_option(f'[name="data.{name}"]', value)
    page.click('main button[type="submit"]')


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def serious_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical findings on the page as it stands.

    Injected through the DevTools protocol, which the page's Content-Security-Policy does not
    govern (the console itself runs no script)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in found if v["impact"] in ("serious", "critical")]


def report(violations: list[dict[str, Any]]) -> str:
    return json.dumps(violations, ensure_ascii=False, indent=1)


def checked(page: Any, name: str) -> None:
    """Screenshot the page as it stands, then hold it to axe-core's serious and critical findings."""
    screenshot(page, name)
    violations = serious_violations(page)
    assert violations == [], report(violations)


def register(page: Any, site: Site, name: str, code: str, kind: str = "enterprise",
             subtype: str | None = None) -> str:
    """Register an entity through the console's form; its id."""
    page.goto(f"{site.base}/console/entities/new")
    page.select_option('select[name="kind"]', kind)
    if subtype:
        page.select_option('select[name="subtype"]', subtype)
    page.fill('input[name="name"]', name)
    page.fill('input[name="credit_code"]', code)
    page.select_option('select[name="zone"]', "gaoxin")
    page.fill('input[name="entered_on"]', "2025-03-01")
    page.click('main button[type="submit"]')
    page.wait_for_url(re.compile(r"/console/entities/[0-9a-f-]{36}"))
    return re.search(r"/console/entities/([0-9a-f-]{36})", page.url).group(1)
