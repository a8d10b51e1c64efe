"""The catalogue: every message the code marks has its Chinese, with the same parameters, and
messages render as data in either language."""

from __future__ import annotations

import pickle
import re
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from i18n import Money, Percent, Quoted, Series, Text, language_of, message_of, translate_library
from i18n.catalogue import DIRECTORY
from i18n.text import decode

ROOT = Path(__file__).resolve().parents[2]
SKIPPED = {"tests", "bench", "var", "deploy"}
PERCENT = re.compile(r"%\((\w+)\)s")
BRACES = re.compile(r"\{(\w+)\}")
CHINESE = re.compile(r"[\u3400-\u9fff]")
PO = "i18n/translations/zh_CN/LC_MESSAGES/messages.po"
HOW_TO_FIX = (
    f"How to fix: run `make messages` (it adds every message the code marks to {PO}, sorted), "
    "then fill each empty msgstr (and each msgid listed above) with the Chinese in the policy's own terms "
    "(创新资金, 中试平台, 一事一议, 不重复, 就高 …; the policy: docs/policy/yangzhengfa-2024-15.zh.txt), "
    "keeping every %(name)s and {name} of the msgid. Nothing to compile.")
# Sentences whose Chinese is rightly the English: a header's name and a detail filled in.
KEPT_AS_THEY_ARE = {"Idempotency-Key %(problem)s"}


def marked_messages() -> set[str]:
    """What `make messages` extracts: Text, library_message, gettext and lazy_gettext, Jinja's _."""
    keywords = {**DEFAULT_KEYWORDS, "Text": None, "library_message": None, "lazy_gettext": None}

    def wanted(dirname: str) -> bool:
        name = Path(dirname).name
        return not name.startswith((".", "_")) and name not in SKIPPED

    found = extract_from_dir(str(ROOT), [("**.py", "python"), ("**/templates/**.html", "jinja2")],
                             keywords=keywords, directory_filter=wanted)
    return {message if isinstance(message, str) else message[0] for _, _, message, _, _ in found}


def chinese_catalogue():
    with (DIRECTORY / "zh_CN" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale="zh_CN")


def listed(title: str, msgids: list[str]) -> str:
    return f"{title} ({len(msgids)}):\n" + "".join(f"  msgid {m!r}\n" for m in msgids) if msgids else ""


def test_every_marked_message_has_its_chinese_with_the_same_parameters() -> None:
    # Whoever adds a message (Text, N_, library_message, lazy_gettext, Jinja's _) adds its
    # Chinese in the same commit: an official must never read English in a Chinese answer.
    catalogue = chinese_catalogue()
    marked = marked_messages()
    assert len(marked) > 50  # the scan sees the code
    absent = sorted(m for m in marked if catalogue.get(m) is None)
    empty = sorted(m for m in marked if catalogue.get(m) is not None and not catalogue.get(m).string)
    english = sorted(m for m in marked if catalogue.get(m) is not None and catalogue.get(m).string
                     and m not in KEPT_AS_THEY_ARE and re.search(r"[A-Za-z]{2,}", PERCENT.sub("", m))
                     and not CHINESE.search(catalogue.get(m).string))
    wrong = sorted(m for m in marked if catalogue.get(m) is not None and catalogue.get(m).string and (
        set(PERCENT.findall(catalogue.get(m).string)) != set(PERCENT.findall(m))
        or set(BRACES.findall(catalogue.get(m).string)) != set(BRACES.findall(m))))
    problems = (listed(f"Messages in the code but not in {PO}", absent)
                + listed("Messages without Chinese (empty msgstr)", empty)
                + listed("Messages whose msgstr has no Chinese", english)
                + listed("Messages whose Chinese lacks or adds a parameter", wrong))
    assert not problems, f"{problems}{HOW_TO_FIX}"
    assert [error for error in catalogue.check()] == []


def test_the_catalogue_stays_sorted_for_merges() -> None:
    ids = [m.id for m in chinese_catalogue() if m.id]
    assert ids == sorted(ids)


@pytest.mark.parametrize(("tag", "language"), [
    ("zh-CN", "zh_CN"), ("zh", "zh_CN"), ("zh-Hans", "zh_CN"), ("zh_CN", "zh_CN"), ("ZH-hans-CN", "zh_CN"),
    ("en", "en"), ("en-GB", "en"), ("fr", None), ("", None), (None, None)])
def test_language_tags(tag: str | None, language: str | None) -> None:
    assert language_of(tag) == language


def test_a_refusal_reads_as_the_contract_shows_it_in_both_languages() -> None:
    text = Text("check character is %(found)s but GB 32100-2015 gives %(expected)s "
                "for the first 17 characters: a character was probably mistyped",
                found=Quoted("X"), expected=Quoted("5"))
    assert text == ("check character is 'X' but GB 32100-2015 gives '5' for the first 17 characters: "
                    "a character was probably mistyped")
    assert text.render("zh_CN") == ("校验码为 “X”，但按 GB 32100-2015 由前 17 位算得应为 “5”：可能有字符录入错误，请核对")


def test_money_is_plain_in_english_and_grouped_in_chinese() -> None:
    assert Money(Decimal("1200000")).render("en") == "1200000.00"
    assert Money(Decimal("1200000")).render("zh_CN") == "1,200,000.00"
    assert Money(Decimal("0.005")).render("en") == "0.01"  # half up, to the fen
    assert Percent(Decimal("0.30")).render("zh_CN") == "30%"
    assert Series(["a", "b"]).render("en") == "a, b"
    assert Series(["a", "b"]).render("zh_CN") == "a、b"


def test_a_message_survives_storage_and_pickling_as_data() -> None:
    text = Text("unknown zone %(zone)s; use one of %(accepted)s", zone=Quoted("x"),
                accepted=Series([Text("is required"), "b"]))
    again = decode(text.to_data())
    assert again == text and again.render("zh_CN") == text.render("zh_CN")
    assert pickle.loads(pickle.dumps(text)).render("zh_CN") == text.render("zh_CN")
    assert message_of(ValueError(text)) is text
    assert message_of(ValueError("plain")) == "plain"


def test_the_libraries_messages_keep_their_values_in_chinese() -> None:
    assert translate_library("Missing data for required field.", "zh_CN") == "缺少必填字段，请填写。"
    assert translate_library("Must be one of: a, b.", "zh_CN") == "须为以下之一：a, b。"
    assert translate_library("Must be greater than or equal to 1 and less than or equal to 9.",
                             "zh_CN") == "须不小于 1 且不大于 9。"
    assert translate_library("Must be greater than or equal to 1.", "zh_CN") == "须不小于 1。"
    assert translate_library("Something no catalogue has.", "zh_CN") == "Something no catalogue has."
    assert translate_library("Missing data for required field.", "en") == "Missing data for required field."
