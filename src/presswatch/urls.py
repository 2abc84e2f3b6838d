"""URL helpers shared by the stages: one canonical form per article, host keys, joins.

``canonicalize_url`` decides when two links name the same article, so it only applies changes
that never alter what a server returns: lower-case scheme and host, no default port, no
fragment, no tracking parameters, the remaining query parameters in a stable order.
"""

from __future__ import annotations

from urllib.parse import SplitResult, unquote_plus, urljoin, urlsplit, urlunsplit

__all__ = ["TRACKING_PARAMS", "absolute_url", "canonicalize_url", "host_key"]

DEFAULT_PORTS = {"http": 80, "https": 443}

#: Query parameters that only say where a click came from (compared lower-case).
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "yclid", "msclkid", "twclid", "ttclid",
        "mc_cid", "mc_eid", "ref", "ref_src", "ref_url", "ocid", "igshid", "_hsenc", "_hsmi",
        "mkt_tok", "cmpid", "wt_mc", "wt.mc_id", "at_medium", "at_campaign", "ito", "ns_mchannel",
        "ns_source", "ns_campaign", "ns_linkname", "ns_fee", "__twitter_impression", "spm",
        "vero_id", "oly_enc_id", "oly_anon_id", "rb_clickid", "s_cid", "icid", "xtor",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")


def _is_tracking(param: str) -> bool:
    key = unquote_plus(param.partition("=")[0]).strip().lower()
    if not key:
        return True  # an empty pair such as "a=1&&b=2" carries nothing
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def _netloc(parts: SplitResult, scheme: str) -> str:
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: keep what was written
        return parts.netloc.lower()
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@{host}" if userinfo else host
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{port}"
    return netloc


def canonicalize_url(url: str) -> str:
    """The canonical form of an http(s) URL; other URLs come back stripped of whitespace.

    >>> canonicalize_url("HTTPS://Example.COM:443/a?utm_source=x&b=2&a=1#top")
    'https://example.com/a?a=1&b=2'
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return url
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.netloc:
        return url
    path = parts.path or "/"
    kept = [p for p in parts.query.split("&") if not _is_tracking(p)]
    query = "&".join(sorted(kept, key=lambda p: p.partition("=")[0]))  # stable for repeats
    return urlunsplit((scheme, _netloc(parts, scheme), path, query, ""))


def host_key(url: str) -> str:
    """``host:port`` of a URL, with the scheme's default port filled in (for rate limits)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    if port is None:
        port = DEFAULT_PORTS.get(scheme, 0)
    return f"{host}:{port}"


def absolute_url(base: str, href: str) -> str:
    """``href`` resolved against ``base`` (an empty href gives ``base``)."""
    href = href.strip()
    if not href:
        return base
    try:
        return urljoin(base, href)
    except ValueError:
        return href
