"""Logs as one JSON object per line, for journald, docker and log shippers alike.

Every line has `timestamp` (ISO 8601 with offset), `level`, `logger` and `message`; a line
logged while serving a request also has its `request_id` and the caller's token `label`
(never the token). Fields passed with `extra=` are kept.
"""

from __future__ import annotations

import json
import logging
import logging.config
import os
from collections.abc import Mapping
from datetime import datetime
from typing import Any

LEVELS = ("debug", "info", "warning", "error")
# The filter the API's server adds: the request id and the token's label on lines logged while
# serving a request.
REQUEST_FILTER = {"request": {"()": "api.observability.RequestContext"}}

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "timestamp": datetime.fromtimestamp(record.created).astimezone().isoformat(
                timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def config(level: str = "info", filters: dict[str, Any] | None = None) -> dict[str, Any]:
    """A `logging.config.dictConfig` dict: every logger as JSON on stderr."""
    handler: dict[str, Any] = {"class": "logging.StreamHandler", "formatter": "json",
                               "stream": "ext://sys.stderr", "filters": sorted(filters or {})}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "filters": filters or {},
        "handlers": {"json": handler},
        "root": {"level": level.upper(), "handlers": ["json"]},
        "loggers": {},
    }


def configure(level: str = "info") -> None:
    """Send every log record of this process to stderr as JSON lines."""
    logging.config.dictConfig(config(level))


def add_level_option(parser: Any) -> None:
    parser.add_argument("--log-level", choices=LEVELS, default=None,
                        help="the least severe records logged (default: $JCG_LOG_LEVEL or info)")


def chosen_level(args: Any, environ: Mapping[str, str] | None = None) -> str:
    """--log-level, else JCG_LOG_LEVEL, else info."""
    environ = os.environ if environ is None else environ
    return getattr(args, "log_level", None) or environ.get("JCG_LOG_LEVEL") or "info"
