"""The words of an explanation that come from data: a recorded choice shown in the reader's
language (lab → 实验室), so an explanation is data throughout (i18n.Text) until it is shown."""

from __future__ import annotations

from i18n import N_, Text

# The choices an explanation names (contract/catalogue.py), marked for the catalogue.
CHOICES = frozenset((N_("lab"), N_("pilot"), N_("office"), N_("pilot_base"), N_("national"),
                     N_("provincial"), N_("lead"), N_("participant"), N_("phd"), N_("master"),
                     N_("tech_transfer"), N_("early_rd_credit"), N_("ip_pledge"), N_("other")))


def choice(value: str) -> str:
    """A recorded choice as a word of the explanation: translated when it is one we know."""
    return Text(value) if value in CHOICES else value
