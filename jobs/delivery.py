"""The outbox: POST each issued alert to the webhook, retrying with backoff, every attempt kept."""

from __future__ import annotations

import http.client
import json
import logging
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from contract.text import printable
from i18n import language_of
from i18n.catalogue import CHINESE, ENGLISH
from i18n.text import decode
from jobs.alerting import record_delivery
from projections.alerts import AlertRules, load_rules

log = logging.getLogger(__name__)

# (url, body, timeout) -> (delivered?, what happened)
Post = Callable[[str, bytes, float], tuple[bool, str]]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is the receiver's answer, not the alert received: followed, the POST became a
    GET without the alert, whose 200 marked it delivered."""

    def redirect_request(self, *args: Any) -> None:
        return None  # the 3xx is raised as an HTTPError: a failed attempt, tried again later


_OPENER = urllib.request.build_opener(_NoRedirect)


def post_json(url: str, body: bytes, timeout: float) -> tuple[bool, str]:
    """A URL that is not one (a typo in JCG_ALERT_WEBHOOK_URL) is a failed attempt like a
    receiver that is down, never an exception that stops the scheduler."""
    try:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False, "invalid webhook URL: not an http(s) URL with a host"
        parts.port  # noqa: B018 (raises on a port that is not a number)
        request = urllib.request.Request(url, data=body, method="POST",
                                         headers={"Content-Type": "application/json; charset=utf-8"})
        with _OPENER.open(request, timeout=timeout) as response:
            return 200 <= response.status < 300, f"HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        return False, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        return False, f"unreachable: {getattr(exc, 'reason', exc)}"
    except (ValueError, http.client.InvalidURL) as exc:  # a space, a bad port, a bad IPv6 address
        return False, f"invalid webhook URL: {exc}"
    except http.client.HTTPException as exc:  # not HTTP, too many headers, a header too long
        return False, f"bad answer: {type(exc).__name__}: {printable(str(exc)[:200])}"


def backoff(attempts: int, rules: AlertRules) -> timedelta:
    """How long after the n-th failed attempt the next one is made."""
    seconds = rules.delivery["base_seconds"] * 2 ** (attempts - 1)
    return timedelta(seconds=min(seconds, rules.delivery["max_seconds"]))


def deliver(services: Any, now: datetime, url: str | None, post: Post = post_json,
            rules: AlertRules | None = None) -> list[tuple[str, bool]]:
    """Attempt every alert whose next attempt is due; returns (alert id, delivered?) for each."""
    if not url:
        return []
    rules = rules or load_rules()
    services.projector.catch_up()  # every alert issued so far, however far behind the projector is
    results = []
    for alert in services.model.outbox(now):
        body = json.dumps(payload(alert), ensure_ascii=False).encode()
        ok, outcome = post(url, body, rules.delivery["timeout_seconds"])
        tries = len(alert["attempts"]) + 1
        retry_at = None if ok else now + backoff(tries, rules)
        if record_delivery(services.registry, UUID(alert["id"]), now, ok, outcome, retry_at):
            log.log(logging.INFO if ok else logging.WARNING, "alert %s delivery attempt %d: %s",
                    alert["id"], tries, outcome)
            results.append((alert["id"], ok))
    return results


_PAYLOAD = ("id", "entity_id", "clause", "kind", "due_on", "issued_on", "late", "message",
            "entitlement_id", "threshold", "units")


def payload(alert: dict[str, Any]) -> dict[str, Any]:
    """What the webhook receives: `message` in JCG_LANGUAGE (en unless set), and `messages` in
    each language, so a receiver shows the officials their own whatever the registry's default."""
    terms = alert.get("terms")
    said = {ENGLISH: alert["message"], CHINESE: alert["message"]}
    if isinstance(terms, dict):
        text = decode(terms)
        said = {language: text.render(language) for language in (ENGLISH, CHINESE)}
    default = language_of(os.environ.get("JCG_LANGUAGE")) or ENGLISH
    return {**{k: alert[k] for k in _PAYLOAD}, "message": said[default],
            "messages": {"en": said[ENGLISH], "zh-CN": said[CHINESE]}}
