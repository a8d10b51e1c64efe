"""What makes two names one matter (不重复, one matter one benefit): a case number, project,
talent or standard typed twice is still one, however its characters were typed."""

from __future__ import annotations

import unicodedata


def same_matter(name: str) -> str:
    """The name as one matter compares it: the same whether typed with full- or half-width
    brackets, digits and letters (one character under Unicode NFKC), in either case, with or
    without spaces. Only for comparing: a name is shown, and anchors its entitlement's id, as
    it was first recorded, so the ids of matters always typed alike do not change."""
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())
