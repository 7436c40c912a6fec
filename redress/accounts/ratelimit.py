"""A small rate limiter in Django's cache, and the person's address as Redress reads it.

The default cache is local memory, so each process counts on its own; with several processes
set REDRESS_CACHE=database (or another shared cache) so that they share one count.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The connection's address, or the last one a trusted proxy added to the named header."""
    header = getattr(settings, "REDRESS_CLIENT_IP_HEADER", "")
    if header:
        forwarded = [part.strip() for part in request.META.get(header, "").split(",")]
        forwarded = [part for part in forwarded if part]
        if forwarded:
            return str(forwarded[-1])
    return str(request.META.get("REMOTE_ADDR", ""))


def _key(scope: str, kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"redress-rate:{scope}:{kind}:{digest}"


def _allow(key: str, limit: int, window_seconds: int) -> bool:
    # add() sets the first count with its expiry; incr() keeps that expiry.
    if cache.add(key, 1, timeout=window_seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window_seconds)
        return True
    return count <= limit


def rate_limit_allows(request: HttpRequest, *, scope: str, address: str) -> bool:
    """Count this request for the email address and the IP; False once either is over."""
    window = int(settings.RATE_LIMIT_WINDOW_MINUTES) * 60
    by_ip = _allow(_key(scope, "ip", client_ip(request)), int(settings.RATE_LIMIT_PER_IP), window)
    by_address = _allow(
        _key(scope, "address", address), int(settings.RATE_LIMIT_PER_ADDRESS), window
    )
    return by_ip and by_address
