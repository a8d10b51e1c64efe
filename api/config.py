"""Defaults for the API; `JCG_*` environment variables and `create_app(config)` override them."""

from __future__ import annotations


class Config:
    API_TITLE = "jcg-registry · 晋创谷·阳泉 registry"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.1.0"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"
    # Our own docs page serves Swagger UI's files; flask-smorest's would load them from a CDN.
    OPENAPI_SWAGGER_UI_PATH = None
    API_SPEC_OPTIONS = {
        "info": {"description": "The event-sourced registry of the 晋创谷·阳泉 innovation park "
                                "and what 阳政发〔2024〕15号 entitles each entity to."},
    }
    # A request body larger than this is refused with 413 before it is read.
    MAX_CONTENT_LENGTH = 256 * 1024
    # The language of answers to a request without Accept-Language (JCG_LANGUAGE): en or zh-CN.
    LANGUAGE = "en"
    # An uploaded import workbook may be this large (POST /imports only).
    IMPORT_MAX_BYTES = 20 * 1024 * 1024
    DATABASE_URL = None
    CREATE_TABLES = True
    # Requests with an unknown or revoked token one client address may make per minute (per
    # process) before it is answered 429 (api/auth_limit.py).
    AUTH_FAILURES_PER_MINUTE = 20
    # How many proxies in front set X-Forwarded-For: 1 behind deploy/nginx; 0 when clients
    # connect directly (the header would then be the client's own claim).
    TRUSTED_PROXIES = 0
    # /ready answers 503 once the projection lag has not shrunk for this many seconds
    # (JCG_READY_STALL_SECONDS).
    READY_STALL_SECONDS = 60
