"""The SSRF guard: only http(s), and never a loopback, private or otherwise non-public address.

Every hop of a redirect chain goes through ``check_url``; the demo and the tests lift the
address rule with ``allow_private_urls``.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from presswatch.errors import BlockedURLError, FetchError, TransientError

__all__ = ["ALLOWED_SCHEMES", "Resolver", "blocked_reason", "check_url", "resolve_host"]

ALLOWED_SCHEMES = ("http", "https")
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: ``socket.getaddrinfo`` or a stand-in with the same signature (tests).
Resolver = Callable[..., list[tuple[Any, ...]]]


def blocked_reason(ip: IPAddress) -> str | None:
    """Why ``ip`` must not be fetched, or None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    checks = (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("not globally routable", not ip.is_global),
    )
    return next((name for name, hit in checks if hit), None)


def resolve_host(host: str, port: int, resolver: Resolver = socket.getaddrinfo) -> list[IPAddress]:
    """Every address ``host`` resolves to (a literal address resolves to itself)."""
    try:
        return [ipaddress.ip_address(host.strip("[]").partition("%")[0])]
    except ValueError:
        pass
    try:
        infos = resolver(host, port, 0, socket.SOCK_STREAM)
    except socket.gaierror as err:
        if err.errno in (socket.EAI_AGAIN,):
            raise TransientError(f"cannot resolve {host} right now ({err.strerror})") from err
        raise FetchError(f"cannot resolve {host} ({err.strerror})") from err
    except (UnicodeError, OSError) as err:
        raise FetchError(f"cannot resolve {host} ({err})") from err
    addresses: list[IPAddress] = []
    for info in infos:
        try:
            addresses.append(ipaddress.ip_address(str(info[4][0]).partition("%")[0]))
        except ValueError:
            continue
    if not addresses:
        raise FetchError(f"{host} resolves to no usable address")
    return addresses


def check_url(url: str, *, allow_private: bool, resolver: Resolver = socket.getaddrinfo) -> None:
    """``BlockedURLError`` unless ``url`` is http(s) with a host whose every address is public
    (any address is fine when ``allow_private``)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError as err:
        raise BlockedURLError(f"not a valid URL: {url!r} ({err})", url=url) from err
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise BlockedURLError(f"only http and https URLs are fetched, not {scheme or 'none'}: "
                              f"{url}", url=url)
    if not host:
        raise BlockedURLError(f"the URL has no host: {url}", url=url)
    if allow_private:
        return
    port = port or (443 if scheme == "https" else 80)
    for ip in resolve_host(host, port, resolver):
        reason = blocked_reason(ip)
        if reason:
            where = f"{host} is" if host.strip("[]") == str(ip) else f"{host} resolves to {ip},"
            raise BlockedURLError(
                f"{where} a {reason} address; set PRESSWATCH_ALLOW_PRIVATE_URLS to fetch it",
                url=url,
            )
