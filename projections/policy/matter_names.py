"""One matter, one benefit (不重复): the rule that makes two names one matter is the registry's,
which compares a borrower's loan references by it too; the policy reads it from there."""

from registry.matter_names import same_matter

__all__ = ["same_matter"]
