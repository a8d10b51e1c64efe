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
        assert "统计数据正在更新" in page and page.count("条记录未计入") == 1  # said once, not twice


def test_every_page_from_read_models_far_behind_says_it_may_be_incomplete(admin: Browser, park: Park) -> None:
    services = far_behind(park)
    pending = services.projector.head() - services.projector.position()
    notice = f"统计数据尚有 {pending} 条记录未计入（正在重建统计数据，或更新进程已停止），本页数据可能不完整。"
    for path in ("/console/", "/console/entities", "/console/deadlines", "/console/alerts"):
        assert notice in admin.get(path, headers=ZH).get_data(as_text=True), path
    services.projector.catch_up()
    assert "条记录未计入（正在重建统计数据" not in admin.get("/console/entities", headers=ZH).get_data(as_text=True)
