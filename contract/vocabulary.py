"""The closed vocabularies of the registry, each term with its Chinese name."""

from __future__ import annotations

from types import MappingProxyType

from i18n import Quoted, Series, Text

KINDS = MappingProxyType(
    {
        "enterprise": "科技型企业/创新型企业 (resident enterprise)",
        "tech_transfer_agency": "技术转移机构 (technology-transfer agency)",
        "pilot_platform": "中试平台 (pilot platform)",
        "ip_service_firm": "知识产权服务机构 (IP service firm)",
        "fund": "股权投资机构/引导基金 (investment fund)",
        "financial_institution": "金融机构 (银行/担保/保险) (financial institution)",
    }
)

# What a financial institution is; registration of that kind, and only of it, names one.
SUBTYPES = MappingProxyType(
    {"bank": "银行 (bank)", "guarantor": "融资担保机构 (guarantor)", "insurer": "保险机构 (insurer)"}
)

ZONES = MappingProxyType(
    {
        "gaoxin": "高新区 (High-tech Zone)",
        "pingding": "平定县 (Pingding County)",
        "yuxian": "盂县 (Yu County)",
        "other": "其他 (elsewhere in Yangquan)",
    }
)

# Staff type zones in Chinese; both spellings name the same zone.
ZONE_ALIASES = MappingProxyType(
    {"高新区": "gaoxin", "平定县": "pingding", "盂县": "yuxian", "其他": "other"}
)

STATUSES = MappingProxyType(
    {
        "registered": "已入驻 (registered)",
        "incubating": "孵化中 (incubating)",
        "graduated": "已毕业 (graduated)",
        "departed": "已迁出 (departed)",
    }
)

ROLES = ("admin", "auditor", "entity")


def zone_code(text: str) -> str:
    """The zone's code for either spelling, or raise ValueError naming the accepted ones."""
    code = ZONE_ALIASES.get(text.strip(), text.strip())
    if code not in ZONES:
        accepted = Series(f"{c} ({ZONES[c].split(' ')[0]})" for c in ZONES)
        raise ValueError(Text("unknown zone %(zone)s; use one of %(accepted)s", zone=Quoted(text),
                              accepted=accepted))
    return code
