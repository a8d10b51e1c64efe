"""A limit on failed authentication per client address: a client guessing or replaying bad
tokens is answered 429 with `Retry-After` before its next guess costs a read of the store.

Counted in each process (the `limits` library's in-memory moving window), so with W workers an
address gets at most W times the limit; a token the process already recognised is never held
back, so a colleague behind the same address as a misconfigured script keeps working.
Behind a proxy, set JCG_TRUSTED_PROXIES (deploy/README.md) so the address is the client's.
"""

from __future__ import annotations

import math
import time

from flask import Flask
from limits import parse, storage, strategies
from werkzeug.middleware.proxy_fix import ProxyFix

from i18n import N_

# The message, in one place (i18n.Text: translated in i18n/translations).
TOO_MANY_FAILURES = N_("too many requests with an unknown or revoked token from this address: "
                       "check the token and try again in %(seconds)s seconds")


class FailedAuthentication:
    def __init__(self, per_minute: int):
        self.limit = parse(f"{per_minute}/minute")
        self.window = strategies.MovingWindowRateLimiter(storage.MemoryStorage())

    def wait(self, address: str) -> int:
        """Seconds before `address` may present an unknown token again; 0 when it may now."""
        if self.window.test(self.limit, address):
            return 0
        reset = self.window.get_window_stats(self.limit, address).reset_time
        return max(1, math.ceil(reset - time.time()))

    def failed(self, address: str) -> None:
        self.window.hit(self.limit, address)


def install(app: Flask) -> None:
    app.extensions["jcg_failed_authentication"] = FailedAuthentication(
        int(app.config["AUTH_FAILURES_PER_MINUTE"]))
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        # The client's address as the proxy saw it (nginx sets X-Forwarded-For, see deploy/).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
