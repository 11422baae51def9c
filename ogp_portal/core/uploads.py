"""One upload policy for every app: what a file is, judged by its bytes, and where it is kept.

An app declares an ``UploadPolicy`` (the kinds it accepts, a size cap, how many files at once,
its folder under MEDIA_ROOT and, if it wants, its own wording of the errors), then calls
``validate(upload, policy)`` from a form or a model validator. The checks, in order:

1. the file is not empty and not over the cap (``upload.size``, read before any byte);
2. its declared extension is one the policy accepts;
3. its first bytes (and for ZIP containers the entries inside, for text the first 64 KB)
   say which kind it is: an executable, an HTML or SVG page or anything unknown is refused;
4. that kind is one the policy accepts and agrees with the extension. Raster images are one
   family: a PNG saved as ``photo.jpg`` is accepted, because it is stored under a random name
   and served with the type read from its content.

Stored names are random (``storage_name``: ``<app>/<yyyy>/<mm>/<hex>.<ext>``), so a file's
own name, which may carry personal data, never reaches the disk, and MEDIA_ROOT is never under
the static files. ``attachment_response`` serves a stored file as a download with a safe name,
``X-Content-Type-Options: nosniff`` and a sandboxing CSP.
"""

from __future__ import annotations

import codecs
import csv
import mimetypes
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MB = 1024 * 1024
HEAD_BYTES = 8192  # read to recognise binary formats
TEXT_HEAD_BYTES = 64 * 1024  # read to judge text (CSV, JSON, XML): never the whole file


@dataclass(frozen=True)
class Kind:
    key: str
    content_type: str
    extensions: tuple[str, ...]  # the first is the one stored names get
    label: str  # shown in "Accepted formats: ..."
    family: str = ""  # kinds of one family accept each other's extensions


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind("pdf", "application/pdf", ("pdf",), "PDF"),
        Kind("png", "image/png", ("png",), "PNG", family="image"),
        Kind("jpeg", "image/jpeg", ("jpg", "jpeg", "jpe", "jfif"), "JPEG", family="image"),
        Kind("gif", "image/gif", ("gif",), "GIF", family="image"),
        Kind("webp", "image/webp", ("webp",), "WebP", family="image"),
        Kind(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ("docx",),
            "DOCX",
        ),
        Kind(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ("xlsx",),
            "XLSX",
        ),
        Kind(
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ("pptx",),
            "PPTX",
        ),
        Kind("odt", "application/vnd.oasis.opendocument.text", ("odt",), "ODT"),
        Kind("ods", "application/vnd.oasis.opendocument.spreadsheet", ("ods",), "ODS"),
        Kind("odp", "application/vnd.oasis.opendocument.presentation", ("odp",), "ODP"),
        # Word 97-2003, Excel 97-2003 (OLE compound files: the bytes cannot tell them apart).
        Kind("ole", "application/msword", ("doc", "xls", "ppt"), "DOC/XLS"),
        Kind("zip", "application/zip", ("zip",), "ZIP"),
        Kind("shp", "application/zip", ("zip", "shp"), "SHP (ZIP)"),
        Kind("csv", "text/csv", ("csv", "tsv", "txt"), "CSV", family="text"),
        Kind("txt", "text/plain", ("txt",), "TXT", family="text"),
        Kind("json", "application/json", ("json",), "JSON"),
        Kind("geojson", "application/geo+json", ("geojson", "json"), "GeoJSON"),
        Kind("xml", "application/xml", ("xml", "rdf", "kml", "gml"), "XML"),
    )
}
# Recognised only to be refused (never in a policy): named in errors and logs.
EXECUTABLE = "executable"
MARKUP = "markup"  # HTML, SVG, anything a browser would run script from

_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
_MARKUP_START = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|svg|script|iframe)\b",
    re.IGNORECASE | re.DOTALL,
)
_ACTIVE_MARKUP = re.compile(rb"<(script|svg|html|iframe|object|embed)\b|javascript:", re.IGNORECASE)
_GEOJSON = re.compile(r'"type"\s*:\s*"(FeatureCollection|Feature)"')


def extension_of(name: str | None) -> str:
    """The declared extension, lower case, without the dot ('' if none)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower().strip() if "." in base else ""


def _read_head(upload, n: int) -> bytes:
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(n) or b""
    upload.seek(position)
    return head


def _zip_kind(upload, extension: str) -> str | None:
    """Which document a ZIP container holds, from its entries (the central directory only)."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 100:
                    kind = _ODF_MIMETYPES.get(archive.read("mimetype").strip())
                    if kind:
                        return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError):
        return None
    except NotImplementedError:  # an unsupported compression of the mimetype entry
        return None
    finally:
        upload.seek(position)
    if "[Content_Types].xml" in names:
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if any(n.startswith("ppt/") for n in names):
            return "pptx"
        # A package whose parts say nothing (a minimal file some tools write): its name decides
        # between the three, and it is still never anything but an office ZIP.
        return extension if extension in ("docx", "xlsx", "pptx") else None
    if any(n.lower().endswith(".shp") for n in names):
        return "shp"
    return "zip"


def _text_kind(head: bytes, extension: str, *, truncated: bool) -> str | None:
    if b"\x00" in head:
        return None
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        # A cut in the middle of a character at the end of the head is not an error.
        text = decoder.decode(head, final=not truncated)
    except UnicodeDecodeError:
        return None
    if any(unicodedata.category(c) == "Cc" and c not in "\t\r\n\f" for c in text[:4096]):
        return None
    if _MARKUP_START.match(head.lstrip(codecs.BOM_UTF8)):
        return MARKUP
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return "geojson" if _GEOJSON.search(stripped[:4096]) else "json"
    if stripped.startswith("<"):
        return MARKUP if _ACTIVE_MARKUP.search(head) else "xml"
    if extension in ("csv", "tsv"):
        return "csv"
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        first = next(csv.reader(sample.splitlines()[:1], dialect), [])
        if len(first) > 1:
            return "csv"
    except csv.Error:
        pass
    return "txt"


def sniff(upload, name: str | None = None) -> str | None:
    """The kind the file's bytes say it is (a key of KINDS, EXECUTABLE, MARKUP), or None.

    The name is only a hint between text kinds (one column of text named .csv is a CSV).
    """
    name = name if name is not None else getattr(upload, "name", "")
    head = _read_head(upload, HEAD_BYTES)
    if not head:
        return None
    if head.startswith((b"MZ", b"\x7fELF", b"\xfe\xed\xfa", b"\xcf\xfa\xed\xfe", b"#!")):
        return EXECUTABLE
    if head.startswith((b"\xca\xfe\xba\xbe", b"\xce\xfa\xed\xfe")):
        return EXECUTABLE
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload, extension_of(name))
    size = getattr(upload, "size", None)
    text_head = _read_head(upload, TEXT_HEAD_BYTES)
    truncated = size is None or size > len(text_head)
    return _text_kind(text_head, extension_of(name), truncated=truncated)


@dataclass(frozen=True)
class Sniffed:
    kind: Kind

    @property
    def content_type(self) -> str:
        return self.kind.content_type

    @property
    def extension(self) -> str:
        return self.kind.extensions[0]


@dataclass(frozen=True)
class UploadPolicy:
    """What one app accepts. Messages may use %(name)s, %(size)s, %(limit)s, %(formats)s,
    %(format)s (the declared extension) and %(count)s; the defaults below are used otherwise."""

    app: str  # folder under MEDIA_ROOT
    kinds: tuple[str, ...]
    max_bytes: int
    max_files: int = 1
    messages: Mapping[str, str] = field(default_factory=dict)
    size_in_mb: bool = False  # %(size)s and %(limit)s as numbers of MB, not "10.0 MB"

    def __post_init__(self):
        unknown = set(self.kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown upload kinds: {sorted(unknown)}")

    @property
    def extensions(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for key in self.kinds:
            for extension in KINDS[key].extensions:
                seen.setdefault(extension)
            family = KINDS[key].family
            if family:
                for kind in KINDS.values():
                    if kind.family == family:
                        for extension in kind.extensions:
                            seen.setdefault(extension)
        return tuple(seen)

    @property
    def formats(self) -> str:
        return ", ".join(dict.fromkeys(KINDS[k].label for k in self.kinds))

    @property
    def accept(self) -> str:
        """For <input accept="...">: a hint to the browser, never trusted."""
        return ",".join(f".{e}" for e in self.extensions)

    def message(self, code: str) -> str:
        return self.messages.get(code) or DEFAULT_MESSAGES[code]


DEFAULT_MESSAGES = {
    "empty": _("“%(name)s” is empty."),
    "too_large": _("“%(name)s” is %(size)s; the limit is %(limit)s."),
    "bad_extension": _("“%(name)s” is not accepted. Accepted formats: %(formats)s."),
    "bad_content": _(
        "The content of “%(name)s” does not match its name or is not an accepted format "
        "(%(formats)s)."
    ),
    "too_many": _("At most %(count)s files."),
}


def _error(policy: UploadPolicy, code: str, upload=None, **extra) -> ValidationError:
    size = getattr(upload, "size", 0) or 0
    name = (getattr(upload, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    if policy.size_in_mb:
        shown_size, shown_limit = round(size / MB, 1), policy.max_bytes // MB
    else:
        shown_size, shown_limit = filesizeformat(size), filesizeformat(policy.max_bytes)
    params = {
        "name": name[-120:],
        "size": shown_size,
        "limit": shown_limit,
        "formats": policy.formats,
        "format": extension_of(name).upper() or "?",
        "count": policy.max_files,
        "max": policy.max_bytes // MB,  # whole MB, for messages written "%(max)d MB"
        **extra,
    }
    return ValidationError(policy.message(code), code=code, params=params)


def _agrees(kind: Kind, extension: str) -> bool:
    if extension in kind.extensions:
        return True
    return bool(kind.family) and any(
        extension in other.extensions for other in KINDS.values() if other.family == kind.family
    )


def validate(upload, policy: UploadPolicy) -> Sniffed:
    """The kind of an acceptable upload; ValidationError (code and wording of the policy) if not.

    The size is checked before a byte is read, and at most the first 64 KB are ever read
    (ZIP containers: their directory), so an oversized or huge file costs nothing.
    """
    size = getattr(upload, "size", None)
    if size is None:
        raise _error(policy, "bad_content", upload)
    if size == 0:
        raise _error(policy, "empty", upload)
    if size > policy.max_bytes:
        raise _error(policy, "too_large", upload)
    extension = extension_of(getattr(upload, "name", ""))
    if extension not in policy.extensions:
        raise _error(policy, "bad_extension", upload)
    key = sniff(upload)
    kind = KINDS.get(key or "")
    if kind is None or kind.key not in policy.kinds or not _agrees(kind, extension):
        raise _error(policy, "bad_content", upload, sniffed=key or "")
    sniffed = Sniffed(kind)
    upload.sniffed = sniffed
    return sniffed


def validate_many(uploads: Iterable, policy: UploadPolicy) -> list[tuple[object, Sniffed]]:
    """Every file checked (errors of all of them together), and no more than max_files."""
    uploads = [u for u in uploads if u]
    if len(uploads) > policy.max_files:
        raise _error(policy, "too_many")
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append((upload, validate(upload, policy)))
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return checked


def is_new_upload(value) -> bool:
    """True for a file just sent (not a FieldFile already stored and checked)."""
    if not value:
        return False
    return hasattr(value, "content_type") or not getattr(value, "_committed", False)


# --- storage -------------------------------------------------------------------------------

_KNOWN_EXTENSIONS = {e for kind in KINDS.values() for e in kind.extensions}


def storage_name(app: str, filename: str = "", *, content_type: str = "", folder: str = "") -> str:
    """A random name under MEDIA_ROOT/<app>/<folder or yyyy/mm>/: nothing of the original name
    but its extension, and that only if it is one of ours (checked against the content)."""
    declared = extension_of(filename)
    extension = declared if declared in _KNOWN_EXTENSIONS else "bin"
    if content_type:
        kinds = [k for k in KINDS.values() if k.content_type == content_type]
        if kinds and not any(declared in k.extensions for k in kinds):
            extension = kinds[0].extensions[0]
    app = re.sub(r"[^a-z0-9_-]", "", app.lower()) or "uploads"
    folder = (
        "/".join(
            part for part in (re.sub(r"[^A-Za-z0-9_-]", "", p) for p in folder.split("/")) if part
        )
        or f"{timezone.now():%Y/%m}"
    )
    return f"{app}/{folder}/{uuid.uuid4().hex}.{extension}"


def upload_to(app: str, folder: str = ""):
    """An upload_to callable for a FileField: ``upload_to=uploads.upload_to("integrity")``.

    (Models keep their own named function calling storage_name, so migrations do not change.)
    """

    def _upload_to(instance, filename):
        return storage_name(app, filename, folder=folder)

    return _upload_to


# --- serving -------------------------------------------------------------------------------

_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;%]+')


def safe_download_name(title: str, extension: str = "", *, fallback: str = "file") -> str:
    """A download name from a title: no path, quotes, control or reserved characters, short;
    letters of any script kept. The extension is the one given (from the content), not the
    title's."""
    text = unicodedata.normalize("NFKC", str(title or ""))
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    text = _UNSAFE_NAME.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" .-_")
    extension = re.sub(r"[^a-z0-9]", "", (extension or "").lower())[:8]
    if extension and text.lower().endswith(f".{extension}"):
        text = text[: -len(extension) - 1].rstrip(" .")
    text = text[:80].rstrip(" .") or fallback
    return f"{text}.{extension}" if extension else text


def attachment_response(
    stored,
    *,
    download_name: str,
    content_type: str = "",
    private: bool = False,
) -> FileResponse:
    """Serve a stored file (a FieldFile) as a download: never rendered by the browser.

    404 if the file is missing. The type is the one recorded at upload (read from the content)
    or else guessed from the stored name, which we chose.
    """
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError, OSError):
        raise Http404 from None
    stored_name = getattr(stored, "name", "") or ""
    extension = extension_of(stored_name)
    if not content_type:
        content_type = next(
            (k.content_type for k in KINDS.values() if extension in k.extensions), ""
        ) or (mimetypes.guess_type(stored_name)[0] or "application/octet-stream")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=safe_download_name(download_name, extension),
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if private:
        response["Cache-Control"] = "private, no-store"
    return response
