"""The policy engine of 阳政发〔2024〕15号 and its successors: policy as versioned data,
entitlements and deadlines as pure functions of an entity's history, refusals at the door."""

from .admission import check_admissible
from .book import PolicyBook, PolicyVersion, load_book
from .deadlines import deadlines, park_deadlines
from .engine import entitlements, expire_view
from .model import Deadline, Entitlement, MatterAlreadyEntitled, PolicyRefusal

__all__ = ["Deadline", "Entitlement", "MatterAlreadyEntitled", "PolicyBook", "PolicyRefusal", "PolicyVersion",
           "check_admissible", "deadlines", "entitlements", "expire_view", "load_book",
           "park_deadlines"]
