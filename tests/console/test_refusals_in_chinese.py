"""A refused form speaks the page's language: the registry's reasons in Chinese on a Chinese page."""

from __future__ import annotations

import re

from tests.console.conftest import Browser


def _errors(html: str) -> dict[str, str]:
    return dict(re.findall(r'<li data-field="([^"]+)">([^<]*)</li>', html))


def test_a_bad_registration_is_explained_in_chinese(admin: Browser, park) -> None:
    response = admin.post("/console/entities/new", {"kind": "financial_institution", "subtype": "",
                                                    "name": "某银行", "credit_code": "91140300MA0000000X",
                                                    "zone": "gaoxin", "entered_on": "2025-13-01"})
    assert response.status_code == 422
    errors = _errors(response.get_data(as_text=True))
    assert set(errors) == {"credit_code", "entered_on", "subtype"}
    for field, message in errors.items():
        assert re.search(r"[\u4e00-\u9fff]", message), (field, message)
        assert not re.search(r"\b(is|use|but|the)\b", message), (field, message)
