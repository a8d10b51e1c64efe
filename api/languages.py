"""The language of each request: Accept-Language (with its q-values), else JCG_LANGUAGE, else en.

Flask-Babel is wired so that `flask_babel.gettext`/`lazy_gettext` and Jinja's `{{ _("…") }}`
read the same catalogue as `i18n.Text`; `say(value)` renders a message in the request's language.
"""

from __future__ import annotations

from typing import Any

from babel import Locale
from babel.support import NullTranslations
from flask import Flask, Response, current_app, g, has_request_context, request
from flask_babel import Babel, Domain, get_locale, refresh

from i18n import language_of, render, translate_library
from i18n.catalogue import CHINESE, DIRECTORY, ENGLISH, translations
from i18n.text import decode

# The tag each language is announced with in Content-Language.
TAGS = {"en": "en", "zh_CN": "zh-CN"}
# Each language's Babel locale, made once: Flask-Babel parses what the locale selector returns
# on every request, and parsing "zh_CN" has Babel look for its data on the disk each time, by
# listing its folder of locales (a tenth of a GET entitlements in Chinese); a Locale is taken
# as it is.
LOCALES = {language: Locale.parse(language) for language in (ENGLISH, CHINESE)}


class CatalogueDomain(Domain):
    """Flask-Babel's domain, reading the catalogue `i18n` compiles from the .po in memory."""

    def get_translations(self) -> NullTranslations:
        locale = get_locale()
        return translations(language_of(str(locale)) or ENGLISH) if locale is not None else NullTranslations()


class RegistryBabel(Babel):
    @property
    def domain_instance(self) -> Domain:
        return _DOMAIN


_DOMAIN = CatalogueDomain()


def default_language(app: Flask) -> str:
    configured = app.config.get("LANGUAGE") or ENGLISH
    language = language_of(str(configured))
    if language is None:
        raise ValueError(f"JCG_LANGUAGE={configured!r} is not a language of the registry: use en or zh-CN")
    return language


def prefer(language: str) -> None:
    """Answer this request in `language` whatever it accepts (the console: the user's pick, else
    Chinese). Call it before anything is rendered, e.g. in a blueprint's before_request."""
    chosen = language_of(language)
    if chosen is None:
        raise ValueError(f"{language!r} is not a language of the registry")
    g.jcg_language = chosen
    refresh()


def choose_language() -> str:
    """The language `prefer` set, else the first the caller accepts (werkzeug orders the header by
    q-value), else JCG_LANGUAGE."""
    if "jcg_language" in g:
        return g.jcg_language
    for tag, quality in request.accept_languages:
        if quality <= 0:
            continue
        if tag == "*":
            break
        language = language_of(tag)
        if language is not None:
            return language
    return current_app.config["LANGUAGE"]


def language() -> str:
    """The request's language; English outside a request (logs, the CLI)."""
    if not has_request_context():
        return ENGLISH
    # Babel spells the locale zh_Hans_CN; the catalogue's directory is zh_CN.
    return language_of(str(get_locale())) or ENGLISH


def say(value: Any) -> Any:
    """A message (Text, or a library's English sentence) in the request's language; None stays None."""
    if value is None:
        return None
    if hasattr(value, "render"):
        return value.render(language())
    return translate_library(str(value), language())


def in_language(row: dict[str, Any], field: str, terms: str = "terms") -> dict[str, Any]:
    """A stored row whose `field` is English, with its `terms` (i18n.Text as data) beside it:
    the row with `field` in the request's language (as stored for English or without terms)."""
    data = row.get(terms)
    if language() == ENGLISH or not isinstance(data, dict):
        return row
    return {**row, field: render(decode(data), language())}


def install(app: Flask) -> None:
    app.config["LANGUAGE"] = default_language(app)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(DIRECTORY))
    RegistryBabel(app, locale_selector=lambda: LOCALES[choose_language()],
                  default_locale=app.config["LANGUAGE"])
    # Jinja: {{ _("…") }} reads the catalogue (Flask-Babel); {{ message|say }} renders a Text.
    app.jinja_env.filters["say"] = say

    @app.after_request
    def announce(response: Response) -> Response:
        # Only when asked: a request without the header is answered as before, byte for byte.
        if "Accept-Language" in request.headers:
            response.headers["Content-Language"] = TAGS[language()]
            response.vary.add("Accept-Language")
        return response


__all__ = ["install", "language", "prefer", "render", "say"]
