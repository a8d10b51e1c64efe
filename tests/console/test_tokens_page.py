"""/console/tokens says how many tokens were issued and how many still work, and pages its list."""

from __future__ import annotations

import re

from tests.console.conftest import Browser


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr data-token-id="([^"]+)">', html)


def test_the_tokens_page_counts_them_and_shows_them_a_page_at_a_time(admin: Browser, park) -> None:
    for n in range(30):
        park.registry.issue_token("auditor", f"审计{n:02d}")
    revoked = park.registry.issue_token("auditor", "已撤销")
    token_id = re.findall(r'<tr data-token-id="([^"]+)">\s*<td>已撤销</td>', admin.html("/console/tokens"))[0]
    assert admin.post(f"/console/tokens/{token_id}/revoke", {}, form_page="/console/tokens").status_code == 303
    assert revoked
    tokens = park.registry.tokens()
    first = admin.html("/console/tokens")
    in_use = sum(1 for t in tokens if not t["revoked_at"])
    assert f"共 {len(tokens)} 个令牌，其中 {in_use} 个有效。" in first
    assert len(_rows(first)) == 25 and "第 1 页，共 2 页" in first
    second = admin.html("/console/tokens?page=2")
    assert len(_rows(second)) == len(tokens) - 25
    assert not set(_rows(first)) & set(_rows(second))
    assert admin.get("/console/tokens?page=x").status_code == 400
