"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) at /open311/v2/.

One service per active category of an active administration. GET requests show public
fields only: no description, no status notes, no location, nothing about the complainant.
POST needs a partner application's api_key and creates a complaint on the Open311 channel.
Errors are a list of {code, description} with the same HTTP status (400, 403, 404, 405),
in XML when .xml was asked; anything else under /open311/v2/ answers a 404 the same way.
"""

import datetime
import functools
from xml.etree import ElementTree as ET

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, Paginator
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt

from . import services
from .models import ApiKey, Category, Complaint

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# Without dates, the spec returns the last 90 days.
DEFAULT_WINDOW_DAYS = 90


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        self.status = status
        self.description = description


# The spec's element names for the entries of a list: <endpoints><endpoint>,
# <formats><format>, <attributes><attribute>, <values><value>.
LIST_ITEMS = {
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
    "services": "service",
    "service_requests": "request",
    "errors": "error",
}


def _xml(root_name: str, item_name: str | None, items) -> bytes:
    """The spec's XML: a list becomes <root><item>...</item></root>, a dict <root>...</root>.

    Nested lists take their entries' names from LIST_ITEMS, at any depth.
    """
    root = ET.Element(root_name)
    if item_name:
        for item in items:
            _fill(ET.SubElement(root, item_name), item)
    else:
        _fill(root, items)
    return b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(root, encoding="utf-8")


def _fill(node, value) -> None:
    if isinstance(value, dict):
        for key, entry in value.items():
            _fill(ET.SubElement(node, key), entry)
    elif isinstance(value, (list, tuple)):
        entry_name = LIST_ITEMS.get(node.tag)
        if entry_name is None:
            raise ValueError(f"No Open311 element name for the entries of <{node.tag}>.")
        for entry in value:
            _fill(ET.SubElement(node, entry_name), entry)
    else:
        node.text = _text(value)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _respond(fmt: str, data, root: str, item: str | None, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        return HttpResponse(
            _xml(root, item, data), content_type="text/xml; charset=utf-8", status=status
        )
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _error(fmt: str, status: int, description: str) -> HttpResponse:
    return _respond(fmt, [{"code": status, "description": description}], "errors", "error", status)


def _endpoint(*methods: str):
    """An Open311 view: its methods (none named: any), every error as the spec's error body
    (405 for another method), never an HTML page.

    csrf_exempt: Open311 is an API for partner applications, authenticated by the api_key in
    the request (POST checks it, ApiKey.authenticate); no session or cookie grants anything.
    """
    allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, fmt="json", **kwargs):
            if allowed and request.method not in allowed:
                response = _error(fmt, 405, f"{request.method} is not allowed here.")
                response["Allow"] = ", ".join(sorted(allowed))
                return response
            try:
                return view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as error:
                return _error(fmt, error.status, error.description)

        return csrf_exempt(wrapped)

    return decorator


def _iso(value) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _end_of_day(day: datetime.date) -> str:
    """A due date as the spec's W3C date-time: the last second of that day, local time."""
    moment = datetime.datetime.combine(day, datetime.time(23, 59, 59))
    return timezone.make_aware(moment, timezone.get_default_timezone()).isoformat()


# --- discovery and services ---------------------------------------------------------------


@_endpoint("GET")
def discovery(request, fmt="json"):
    url = f"{settings.SITE_URL}{reverse('open311:discovery', kwargs={'fmt': fmt})}"
    base = url.rsplit("/", 1)[0] + "/"
    data = {
        "changeset": "2026-11-27T00:00:00+01:00",
        "contact": settings.DATA_PROTECTION["contact"],
        "key_service": "Partner applications ask the portal's OGP staff for an api_key.",
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base,
                "changeset": "2026-11-27T00:00:00+01:00",
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return _respond(fmt, data, "discovery", None)


def _service(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": False,
        "type": "realtime",
        "keywords": "",
        "group": str(category.administration),
    }


def _active_services():
    """The services on offer: active categories of active administrations, everywhere."""
    return Category.objects.filter(is_active=True, administration__is_active=True).select_related(
        "administration"
    )


def _service_or_404(code: str) -> Category:
    category = _active_services().filter(code=code).first()
    if category is None:
        raise Open311Error(404, f"No service with the code {code!r}.")
    return category


@_endpoint("GET")
def service_list(request, fmt="json"):
    return _respond(fmt, [_service(c) for c in _active_services()], "services", "service")


@_endpoint("GET")
def service_definition(request, code, fmt="json"):
    category = _service_or_404(code)
    return _respond(
        fmt, {"service_code": category.code, "attributes": []}, "service_definition", None
    )


# --- requests -----------------------------------------------------------------------------


def _public_request(c: Complaint) -> dict:
    """Only what may be published: no text, no location, nothing about the person."""
    return {
        "service_request_id": c.reference,
        "status": "open" if c.status in Complaint.OPEN_STATUSES else "closed",
        "service_name": c.category.name if c.category else "",
        "service_code": c.category.code if c.category else "",
        "agency_responsible": str(c.administration) if c.administration else "",
        "service_notice": "",
        "requested_datetime": _iso(c.received_at),
        "updated_datetime": _iso(c.updated_at),
        "expected_datetime": _end_of_day(c.answer_due) if c.answer_due and c.is_open else None,
    }


def _parse_date(value: str, name: str):
    parsed = parse_datetime(value) if value else None
    if value and parsed is None:
        try:
            parsed = datetime.datetime.combine(datetime.date.fromisoformat(value), datetime.time())
        except ValueError:
            raise Open311Error(400, f"{name} must be a W3C date-time.") from None
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _positive_int(value: str, name: str, default: int) -> int:
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise Open311Error(400, f"{name} must be a positive integer.")
    return int(value)


def _list_requests(request, fmt):
    params = request.GET
    complaints = Complaint.objects.select_related("category", "administration").order_by(
        "-received_at", "-pk"
    )
    if params.get("service_request_id"):
        ids = [i.strip() for i in params["service_request_id"].split(",") if i.strip()]
        complaints = complaints.filter(reference__in=ids)
    else:
        start = _parse_date(params.get("start_date", ""), "start_date")
        end = _parse_date(params.get("end_date", ""), "end_date")
        if start and end and start > end:
            raise Open311Error(400, "start_date must be before end_date.")
        if not start and not end:
            start = timezone.now() - datetime.timedelta(days=DEFAULT_WINDOW_DAYS)
        if start:
            complaints = complaints.filter(received_at__gte=start)
        if end:
            complaints = complaints.filter(received_at__lte=end)
        if params.get("service_code"):
            codes = [c.strip() for c in params["service_code"].split(",") if c.strip()]
            complaints = complaints.filter(category__code__in=codes)
        status = params.get("status", "")
        if status:
            wanted = set(status.split(","))
            if not wanted <= {"open", "closed"}:
                raise Open311Error(400, "status must be open or closed.")
            if wanted == {"open"}:
                complaints = complaints.filter(status__in=Complaint.OPEN_STATUSES)
            elif wanted == {"closed"}:
                complaints = complaints.exclude(status__in=Complaint.OPEN_STATUSES)
    page_size = min(
        _positive_int(params.get("page_size", ""), "page_size", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE
    )
    page_number = _positive_int(params.get("page", ""), "page", 1)
    try:
        page = Paginator(complaints, page_size).page(page_number)
    except EmptyPage:
        return []
    return [_public_request(c) for c in page.object_list]


def _create_request(request, fmt):
    data = request.POST
    key = ApiKey.authenticate(data.get("api_key"))
    if key is None:
        raise Open311Error(403, "A valid api_key is required to submit a request.")
    code = data.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, "service_code is required.")
    category = _service_or_404(code)
    lat, long_, address = data.get("lat"), data.get("long"), data.get("address_string", "")
    if not ((lat and long_) or address or data.get("address_id")):
        raise Open311Error(400, "A location is required: lat and long, or address_string.")
    try:
        latitude = round(float(lat), 6) if lat else None
        longitude = round(float(long_), 6) if long_ else None
    except ValueError:
        raise Open311Error(400, "lat and long must be numbers.") from None
    if latitude is not None and not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise Open311Error(400, "lat and long are out of range.")
    description = data.get("description", "").strip()
    if not description:
        raise Open311Error(400, "description is required.")
    if len(description) > 5000:
        raise Open311Error(400, "description is longer than 5000 characters.")
    email, phone = data.get("email", "").strip(), data.get("phone", "").strip()
    if not email and not phone:
        raise Open311Error(400, "email or phone is required to keep the complainant informed.")
    if email:
        from django.core.validators import validate_email

        try:
            validate_email(email)
        except ValidationError:
            raise Open311Error(400, "email is not a valid email address.") from None
    name = " ".join(p for p in (data.get("first_name", ""), data.get("last_name", "")) if p).strip()
    if address:
        description = f"{description}\n\n{address[:300]}"
    try:
        complaint = services.file_complaint(
            channel=Complaint.Channel.OPEN311,
            category=category,
            subject=description.splitlines()[0][:200],
            description=description,
            contact_name=name[:150],
            contact_email=email,
            contact_phone=phone[:30],
            contact_preference="email" if email else "sms",
            latitude=latitude,
            longitude=longitude,
            api_key=key,
            language=services.supported_language(data.get("locale", "")),
        )
    except ValidationError as error:
        raise Open311Error(400, " ".join(error.messages)) from None
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return [
        {
            "service_request_id": complaint.reference,
            "token": str(complaint.open311_token),
            "service_notice": "",
            "account_id": "",
        }
    ]


@_endpoint("GET", "POST")
def request_list(request, fmt="json"):
    if request.method == "POST":
        return _respond(fmt, _create_request(request, fmt), "service_requests", "request", 201)
    return _respond(fmt, _list_requests(request, fmt), "service_requests", "request")


@_endpoint("GET")
def request_detail(request, request_id, fmt="json"):
    complaint = (
        Complaint.objects.select_related("category", "administration")
        .filter(reference=request_id)
        .first()
    )
    if complaint is None:
        raise Open311Error(404, f"No request with the id {request_id!r}.")
    return _respond(fmt, [_public_request(complaint)], "service_requests", "request")


@_endpoint("GET")
def token_detail(request, token, fmt="json"):
    complaint = Complaint.objects.filter(open311_token=token).first() if _is_uuid(token) else None
    if complaint is None:
        raise Open311Error(404, "No request with this token.")
    return _respond(
        fmt,
        [{"service_request_id": complaint.reference, "token": token}],
        "service_requests",
        "request",
    )


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@_endpoint()
def not_found(request, path="", fmt="json"):
    """Anything else under /open311/v2/ (no or unknown format, unknown resource): a 404 body."""
    raise Open311Error(
        404,
        "No such resource: Open311 answers discovery, services, requests and tokens, "
        "each ending in .json or .xml.",
    )
