"""The year's money by clause as bars, measured here so the template only draws (SVG, no script)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

SERIES = ("owed", "approved", "paid")
BAR, GAP, GROUP_GAP, LEFT, TOP, HEIGHT = 12, 2, 18, 100, 12, 180


def bars(lines: list[dict[str, Any]]) -> dict[str, Any]:
    """Rectangles and labels for each clause's owed/approved/paid, scaled to the largest."""
    top = max((line[s] for line in lines for s in SERIES), default=Decimal(0)) or Decimal(1)
    groups, x = [], LEFT
    for line in lines:
        rects = []
        for i, series in enumerate(SERIES):
            h = int(Decimal(HEIGHT) * line[series] / top)
            rects.append({"series": series, "x": x + i * (BAR + GAP), "y": TOP + HEIGHT - h,
                          "width": BAR, "height": h, "amount": line[series]})
        width = len(SERIES) * (BAR + GAP)
        groups.append({"clause": line["clause"], "rects": rects, "label_x": x + width // 2})
        x += width + GROUP_GAP
    return {"groups": groups, "width": max(x + 10, 320), "height": TOP + HEIGHT + 34,
            "baseline": TOP + HEIGHT, "top": top, "left": LEFT, "top_y": TOP}
