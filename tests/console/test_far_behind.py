"""The console's money and lists far behind the registry: a page saying so, not partial figures
(tests/api/test_far_behind.py has the API's)."""

from __future__ import annotations

from tests.api.conftest import Park
from tests.api.test_far_behind import ZH, far_behind
from tests.console.conftest import Browser


def test_the_consoles_subsidies_and_exports_far_behind_say_so_in_chinese(admin: Browser, park: Park) -> None:
    far_behind(park)
    for path in ("/console/subsidies?year=2026", "/console/exports/publicity.xlsx?year=2026"):
        response = admin.get(path, headers=ZH)
        assert response.status_code == 503, path
        page = response.get_data(as_text=True)
        assert "统计数据正在更新" in page and "条记录未计入" in page
