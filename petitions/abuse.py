"""Anti-abuse: the moderators' signature search and the daily report of unusual clusters.

The search narrows one petition's signatures by email domain, IP address or /24 network,
province and time window; services.invalidate_signatures acts on what it finds. The daily
report (`report_clusters`, beat task petitions.report_clusters) stores SignatureCluster rows:
- one IP with more than PETITIONS_CLUSTER_IP_PER_HOUR (20) signatures in one hour;
- one /24 network with more than PETITIONS_CLUSTER_PREFIX_PER_HOUR (50) in one hour;
- one email domain with at least PETITIONS_CLUSTER_DOMAIN_MIN (50) of the day's signatures
  and a share more than PETITIONS_CLUSTER_DOMAIN_FACTOR (5) times its usual share (the
  other petitions' last 30 days), or above 60 % when there is too little to compare with.
"""

from __future__ import annotations

import datetime
import ipaddress
from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Value
from django.db.models.functions import StrIndex, Substr, TruncHour
from django.utils import timezone

from .models import Petition, Signature, SignatureCluster

MAX_NETWORK_ADDRESSES = 256  # a /24 at most: the search lists the addresses (any database)
BASELINE_DAYS = 30
BASELINE_MIN = 1000
NO_BASELINE_MAX_SHARE = 0.6


def parse_network(value: str):
    """'1.2.3.4' -> one address; '1.2.3.0/24', '1.2.3.*' or '1.2.3.' -> its /24 (or smaller)."""
    value = (value or "").strip()
    if not value:
        return None
    if value.endswith(".*") or value.endswith("."):
        value = value.rstrip("*").rstrip(".") + ".0/24"
    if "/" in value:
        network = ipaddress.ip_network(value, strict=False)
        if network.num_addresses > MAX_NETWORK_ADDRESSES:
            raise ValueError(value)
        return network
    return ipaddress.ip_address(value)


def prefix24(ip: str) -> str:
    address = ipaddress.ip_address(ip)
    if address.version == 4:
        return str(ipaddress.ip_network(f"{ip}/24", strict=False))
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def search_signatures(petition: Petition, *, domain="", network=None, province=None,
                      since=None, until=None, state="all"):  # fmt: skip
    qs = Signature.objects.filter(petition=petition)
    domain = (domain or "").strip().lower().lstrip("@")
    if domain:
        qs = qs.filter(email__iendswith=f"@{domain}")
    if network is not None:
        if isinstance(network, ipaddress.IPv4Network | ipaddress.IPv6Network):
            qs = qs.filter(ip__in=[str(a) for a in network])
        else:
            qs = qs.filter(ip=str(network))
    if province is not None:
        qs = qs.filter(province=province)
    if since:
        qs = qs.filter(created_at__gte=since)
    if until:
        qs = qs.filter(created_at__lt=until)
    if state == "valid":
        qs = qs.filter(invalidated=False)
    elif state == "invalidated":
        qs = qs.filter(invalidated=True)
    return qs


def summary(qs) -> dict:
    """Counts of a search: total, confirmed, invalidated, and the largest IPs and domains."""
    domain = Substr("email", StrIndex("email", Value("@")) + 1)
    return {
        "total": qs.count(),
        "confirmed": qs.filter(confirmed_at__isnull=False).count(),
        "invalidated": qs.filter(invalidated=True).count(),
        "top_ips": list(
            qs.exclude(ip=None).order_by().values("ip").annotate(n=Count("pk")).order_by("-n")[:10]
        ),
        "top_domains": list(
            qs.exclude(email="")
            .order_by()
            .annotate(domain=domain)
            .values("domain")
            .annotate(n=Count("pk"))
            .order_by("-n")[:10]
        ),
    }


def _day_bounds(day: datetime.date):
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return start, start + datetime.timedelta(days=1)


def _domain_counts(qs) -> dict[str, int]:
    domain = Substr("email", StrIndex("email", Value("@")) + 1)
    return dict(
        qs.exclude(email="")
        .order_by()
        .annotate(domain=domain)
        .values_list("domain")
        .annotate(n=Count("pk"))
    )


def report_clusters(day: datetime.date | None = None) -> int:
    """Store the unusual clusters of `day` (default yesterday); returns how many were found."""
    day = day or timezone.localdate() - datetime.timedelta(days=1)
    start, end = _day_bounds(day)
    ip_limit = getattr(settings, "PETITIONS_CLUSTER_IP_PER_HOUR", 20)
    prefix_limit = getattr(settings, "PETITIONS_CLUSTER_PREFIX_PER_HOUR", 50)
    domain_min = getattr(settings, "PETITIONS_CLUSTER_DOMAIN_MIN", 50)
    factor = getattr(settings, "PETITIONS_CLUSTER_DOMAIN_FACTOR", 5.0)

    of_day = Signature.objects.filter(created_at__gte=start, created_at__lt=end)
    recent = Signature.objects.filter(
        created_at__gte=end - datetime.timedelta(days=BASELINE_DAYS), created_at__lt=end
    )
    all_domains = _domain_counts(recent)
    found = 0
    for petition_id in of_day.order_by().values_list("petition_id", flat=True).distinct():
        clusters = []
        by_ip_hour = (
            of_day.filter(petition_id=petition_id)
            .exclude(ip=None)
            .annotate(hour=TruncHour("created_at"))
            .order_by()
            .values_list("ip", "hour")
            .annotate(n=Count("pk"))
        )
        best_ip: dict[str, tuple[int, datetime.datetime]] = {}
        by_prefix_hour: dict[tuple[str, datetime.datetime], int] = defaultdict(int)
        for ip, hour, n in by_ip_hour:
            if n > best_ip.get(ip, (0, None))[0]:
                best_ip[ip] = (n, hour)
            by_prefix_hour[(prefix24(ip), hour)] += n
        for ip, (n, hour) in best_ip.items():
            if n > ip_limit:
                clusters.append((SignatureCluster.Kind.IP, ip, n, hour, None, None))
        best_prefix: dict[str, tuple[int, datetime.datetime]] = {}
        for (prefix, hour), n in by_prefix_hour.items():
            if n > best_prefix.get(prefix, (0, None))[0]:
                best_prefix[prefix] = (n, hour)
        for prefix, (n, hour) in best_prefix.items():
            if n > prefix_limit:
                clusters.append((SignatureCluster.Kind.IP_PREFIX, prefix, n, hour, None, None))

        mine_today = _domain_counts(of_day.filter(petition_id=petition_id))
        mine_recent = _domain_counts(recent.filter(petition_id=petition_id))
        total_today = sum(mine_today.values())
        others = {d: all_domains.get(d, 0) - mine_recent.get(d, 0) for d in all_domains}
        others_total = sum(others.values())
        for domain, n in mine_today.items():
            if n < domain_min or not total_today:
                continue
            share = n / total_today
            if others_total >= BASELINE_MIN:
                baseline = others.get(domain, 0) / others_total
                unusual = share > factor * baseline
            else:
                baseline = None
                unusual = share > NO_BASELINE_MAX_SHARE
            if unusual:
                clusters.append(
                    (SignatureCluster.Kind.EMAIL_DOMAIN, domain, n, None, share, baseline)
                )
        for kind, value, n, hour, share, baseline in clusters:
            SignatureCluster.objects.update_or_create(
                petition_id=petition_id,
                day=day,
                kind=kind,
                value=value[:255],
                defaults={
                    "signatures": n,
                    "window_start": hour,
                    "share": share,
                    "baseline_share": baseline,
                },
            )
        found += len(clusters)
    return found
