"""The client's IP address, for rate limits and the signature records.

Behind N trusted proxies (`TRUSTED_PROXY_COUNT`, 0 by default), the client is the address
the outermost trusted proxy saw: the N-th entry from the right of X-Forwarded-For. Entries
further left were written by the client itself and cannot be trusted.
"""

from ipaddress import ip_address

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [p for p in forwarded if p]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ip_address(candidate))
    except ValueError:
        return remote
