"""The portal's upload policy (ogp_portal.core.uploads): a file is what its bytes say, its name
must agree, the size is capped before a byte is read, stored names are random, downloads are
attachments. Then, for each app's form, a disguised executable is refused in French and nothing
is kept."""

# ruff: noqa: F811  (fixtures imported from the apps' test folders are used as arguments)
import io
import os
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from ogp_portal.core import uploads
from ogp_portal.core.uploads import UploadPolicy

# App fixtures, reused from the apps' own test folders.
from tests.csofunding.conftest import call_a, programme_a, sectors  # noqa: F401
from tests.integrity.conftest import vocabularies  # noqa: F401
from tests.opendata.conftest import good_dataset, vocab  # noqa: F401
from tests.transparency.ati.conftest import file_request, officer_a  # noqa: F401
from tests.transparency.coeval.conftest import (  # noqa: F401
    JUSTIFICATION,
    commitment_a,
    levels,
    open_window,
    plan,
)

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 64
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64
MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

EVERYTHING = UploadPolicy(
    app="tests",
    kinds=("pdf", "png", "jpeg", "webp", "csv", "xlsx", "ods", "docx", "xml", "json"),
    max_bytes=1024 * 1024,
    max_files=2,
)


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    import openpyxl

    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


def ods_bytes() -> bytes:
    return zip_bytes(
        {
            "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": b"<office:document-content/>",
        }
    )


def docx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def error_code(name, content, policy=EVERYTHING):
    with pytest.raises(ValidationError) as info:
        uploads.validate(upload(name, content), policy)
    return info.value.code


# --- what is accepted --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "kind", "content_type"),
    [
        ("rapport.pdf", PDF, "pdf", "application/pdf"),
        ("photo.png", PNG, "png", "image/png"),
        ("photo.jpg", JPEG, "jpeg", "image/jpeg"),
        ("PHOTO.JPEG", JPEG, "jpeg", "image/jpeg"),
        ("photo.webp", WEBP, "webp", "image/webp"),
        ("données.csv", "région;valeur\nOriental;3\n".encode(), "csv", "text/csv"),
        ("une-colonne.csv", "ville\nRabat\nFès\n".encode(), "csv", "text/csv"),
        ("tableau.xlsx", xlsx_bytes(), "xlsx", None),
        ("tableau.ods", ods_bytes(), "ods", "application/vnd.oasis.opendocument.spreadsheet"),
        ("lettre.docx", docx_bytes(), "docx", None),
        ("data.json", b'{"a": [1, 2]}', "json", "application/json"),
        ("data.xml", b'<?xml version="1.0"?><rows><row a="1"/></rows>', "xml", "application/xml"),
    ],
)
def test_a_real_file_of_an_accepted_kind_passes(name, content, kind, content_type):
    sniffed = uploads.validate(upload(name, content), EVERYTHING)

    assert sniffed.kind.key == kind
    if content_type:
        assert sniffed.content_type == content_type


def test_a_png_saved_as_jpg_is_an_image_and_keeps_the_type_of_its_content():
    sniffed = uploads.validate(upload("photo.jpg", PNG), EVERYTHING)

    assert sniffed.content_type == "image/png"


def test_arabic_text_in_a_csv_cut_in_the_middle_of_a_letter_is_still_text():
    row = "الجهة;القيمة\n".encode()
    content = row * (uploads.TEXT_HEAD_BYTES // len(row) + 10)
    assert content[uploads.TEXT_HEAD_BYTES - 1 : uploads.TEXT_HEAD_BYTES + 1] != b"\n\n"

    assert uploads.validate(upload("jihat.csv", content), EVERYTHING).kind.key == "csv"


# --- what is refused ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.jpg", ELF),
        ("photo.jpg", MZ),
        ("rapport.pdf", MZ),
        ("photo.png", PDF),
        ("rapport.pdf", HTML),
        ("rapport.pdf", SVG),
        ("données.csv", HTML),
        ("data.xml", SVG),
        ("data.xml", b"<?xml version='1.0'?><html><script>x</script></html>"),
        ("tableau.xlsx", docx_bytes()),  # a Word document named as a spreadsheet
        ("tableau.xlsx", zip_bytes({"readme.txt": b"hello"})),  # a ZIP, not a workbook
        ("tableau.xlsx", b"PK\x03\x04 but not a zip at all"),
        ("lettre.docx", xlsx_bytes()),
        ("tableau.ods", zip_bytes({"mimetype": b"application/x-evil", "content.xml": b"<x/>"})),
        ("données.csv", b"a,b\n1,\x00\x01\x02\n"),  # binary in a text file
        ("données.csv", "é".encode("latin-1") * 20),  # not UTF-8
        ("photo.png", b"\x89PNG"),  # truncated: not the full signature
    ],
)
def test_a_disguised_file_is_refused(name, content):
    assert error_code(name, content) == "bad_content"


@pytest.mark.parametrize("name", ["programme.exe", "page.html", "image.svg", "sans-extension"])
def test_an_extension_the_policy_does_not_accept_is_refused_whatever_the_content(name):
    assert error_code(name, PDF) == "bad_extension"


def test_a_kind_outside_the_policy_is_refused_even_when_name_and_content_agree():
    only_pdf = UploadPolicy(app="tests", kinds=("pdf",), max_bytes=1024)

    assert error_code("photo.png", PNG, only_pdf) == "bad_extension"
    # A .jpg that is really a PNG: images are one family, but PNG is not in this policy.
    images = UploadPolicy(app="tests", kinds=("jpeg",), max_bytes=1024)
    assert error_code("photo.jpg", PNG, images) == "bad_content"


def test_an_empty_file_is_refused():
    assert error_code("vide.pdf", b"") == "empty"


class CountingFile(io.RawIOBase):
    """A file that says it is huge and counts every byte anyone reads from it."""

    def __init__(self, head: bytes, size: int):
        self.head, self.size, self.position, self.bytes_read = head, size, 0, 0

    def readable(self):
        return True

    def seekable(self):
        return True

    def seek(self, offset, whence=os.SEEK_SET):
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self.position, os.SEEK_END: self.size}[whence]
        self.position = base + offset
        return self.position

    def tell(self):
        return self.position

    def readinto(self, buffer):
        n = max(0, min(len(buffer), self.size - self.position))
        chunk = (self.head[self.position : self.position + n]).ljust(n, b"a")
        buffer[:n] = chunk
        self.position += n
        self.bytes_read += n
        return n


def test_an_oversized_file_is_refused_before_a_single_byte_is_read():
    raw = CountingFile(PDF, EVERYTHING.max_bytes + 1)
    big = UploadedFile(raw, name="enorme.pdf", size=raw.size)

    with pytest.raises(ValidationError) as info:
        uploads.validate(big, EVERYTHING)

    assert info.value.code == "too_large"
    assert raw.bytes_read == 0


def test_a_large_accepted_text_file_is_judged_on_its_first_bytes_only():
    size = 40 * 1024 * 1024
    policy = UploadPolicy(app="tests", kinds=("csv",), max_bytes=50 * 1024 * 1024)
    raw = CountingFile(b"a,b\n" * 100, size)

    uploads.validate(UploadedFile(raw, name="gros.csv", size=size), policy)

    assert raw.bytes_read <= uploads.HEAD_BYTES + uploads.TEXT_HEAD_BYTES


def test_the_size_message_names_the_file_and_the_limit_in_french():
    policy = UploadPolicy(app="tests", kinds=("pdf",), max_bytes=1024 * 1024)
    with pytest.raises(ValidationError) as info:
        uploads.validate(upload("scan.pdf", PDF + b"0" * (2 * 1024 * 1024)), policy)

    with translation.override("fr"):
        message = info.value.messages[0]
    assert "scan.pdf" in message and "1,0" in message or "1.0" in message


def test_more_files_than_the_policy_allows_are_refused_and_every_bad_file_is_named():
    with pytest.raises(ValidationError) as info:
        uploads.validate_many([upload(f"{n}.pdf", PDF) for n in range(3)], EVERYTHING)
    assert info.value.error_list[0].code == "too_many"

    with pytest.raises(ValidationError) as info:
        uploads.validate_many([upload("a.pdf", MZ), upload("b.png", PDF)], EVERYTHING)
    assert len(info.value.messages) == 2


def test_the_read_position_is_left_where_it_was():
    file = upload("a.xlsx", xlsx_bytes())
    file.seek(0)

    uploads.validate(file, EVERYTHING)

    assert file.tell() == 0


# --- storage and downloads ---------------------------------------------------------------


def test_stored_names_are_random_under_the_apps_folder_with_the_contents_extension():
    first = uploads.storage_name("complaints", "CIN Salma Bennani.jpg", content_type="image/png")
    second = uploads.storage_name("complaints", "CIN Salma Bennani.jpg", content_type="image/png")

    assert first != second
    assert first.startswith("complaints/") and first.endswith(".png")
    assert "Salma" not in first and "CIN" not in first
    assert uploads.storage_name("x", "../../etc/passwd").endswith(".bin")
    assert ".." not in uploads.storage_name("../x", "a.pdf", folder="../../static")


def test_media_files_are_kept_outside_the_static_files():
    media = Path(settings.MEDIA_ROOT).resolve()
    static = Path(settings.STATIC_ROOT).resolve()

    assert not media.is_relative_to(static) and not static.is_relative_to(media)


@pytest.mark.parametrize(
    ("title", "extension", "expected"),
    [
        ("Rapport annuel", "pdf", "Rapport annuel.pdf"),
        ("../../etc/passwd", "pdf", "etc passwd.pdf"),
        ('a"b\r\nContent-Type: text/html', "pdf", "a b Content-Type text html.pdf"),
        ("تقرير الميزانية.pdf", "pdf", "تقرير الميزانية.pdf"),
        ("page.html", "png", "page.html.png"),
        ("", "csv", "file.csv"),
    ],
)
def test_download_names_are_safe(title, extension, expected):
    assert uploads.safe_download_name(title, extension) == expected


@pytest.mark.django_db
def test_a_stored_file_is_served_as_an_attachment_that_the_browser_never_sniffs():
    from django.core.files.storage import default_storage

    name = default_storage.save(uploads.storage_name("tests", "x.pdf"), ContentFile(PDF))
    stored = FieldFile(None, type("F", (), {"storage": default_storage})(), name)

    response = uploads.attachment_response(stored, download_name='Rapport "final"\r\n')

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Rapport final.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF
    missing = FieldFile(None, type("F", (), {"storage": default_storage})(), "tests/none.pdf")
    with pytest.raises(Http404):
        uploads.attachment_response(missing, download_name="x")


def test_an_unknown_kind_in_a_policy_is_a_programming_error():
    with pytest.raises(ValueError):
        UploadPolicy(app="x", kinds=("exe",), max_bytes=1)


# --- each app's form: a disguised executable is refused in French, nothing is kept --------


def disguised():
    return SimpleUploadedFile("photo.jpg", MZ, content_type="image/jpeg")


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.django_db
def test_complaints_form_refuses_a_disguised_executable_in_french(client):
    with translation.override("fr"):
        url = reverse("complaints:file")
    response = client.post(
        url,
        {
            "kind": "complaint",
            "subject": "Route abîmée",
            "description": "Des trous partout.",
            "contact_preference": "email",
            "contact_name": "Youssef",
            "contact_email": "youssef@example.test",
            "attachments": [disguised()],
        },
    )
    from complaints.models import Attachment, Complaint

    assert response.status_code == 200
    body = response.content.decode()
    assert "« photo.jpg » n&#x27;est pas un fichier accepté" in body
    assert not Complaint.objects.exists() and not Attachment.objects.exists()
    assert media_files() == []


@pytest.mark.django_db
def test_ati_answer_form_refuses_a_disguised_executable_in_french(
    client_for, officer_a, file_request
):
    req = file_request()
    with translation.override("fr"):
        url = reverse("admin:transparency_informationrequest_act", args=[req.pk, "answer"])

    response = client_for(officer_a).post(
        url, {"text": "Voici les données.", "files": [disguised()]}, follow=True
    )

    assert "n&#x27;est pas un fichier accepté" in response.content.decode()
    req.refresh_from_db()
    assert req.status == "submitted" and not req.answers.exists()
    assert media_files() == []


@pytest.mark.django_db
def test_coevaluation_form_refuses_a_disguised_executable_in_french(
    client_for, citizen, plan, commitment_a, open_window, levels
):
    from transparency.models import Assessment, AssessmentEvidence

    url = (
        f"/fr/transparency/plans/{plan.slug}/commitments/{commitment_a.number}/assessments/assess/"
    )
    response = client_for(citizen).post(
        url,
        {
            "completion": levels["completion"]["limited"].pk,
            "early_results": levels["early_results"]["marginal"].pk,
            "justification": JUSTIFICATION,
            "name_display": "initials",
            "files": [disguised()],
        },
    )

    assert response.status_code == 400
    assert "« photo.jpg » n&#x27;est pas accepté : envoyez un fichier PDF, PNG ou JPEG" in (
        response.content.decode()
    )
    assert not Assessment.objects.exists() and not AssessmentEvidence.objects.exists()
    assert media_files() == []


@pytest.mark.django_db
def test_csofunding_call_documents_refuse_a_disguised_executable_in_french(
    client_for, civil_servant_a, call_a
):
    from csofunding.models import CallDocument

    response = client_for(civil_servant_a).post(
        f"/fr/admin/csofunding/call/{call_a.pk}/change/",
        {
            "programme": call_a.programme_id,
            "reference": call_a.reference,
            "title_ar": call_a.title_ar,
            "title_fr": call_a.title_fr,
            "description_ar": "وصف",
            "description_fr": "Description",
            "sectors": [s.pk for s in call_a.sectors.all()],
            "budget": "500000",
            "opens_on": call_a.opens_on.isoformat(),
            "deadline": call_a.deadline.isoformat(),
            "applications_received": "0",
            "documents-TOTAL_FORMS": "2",
            "documents-INITIAL_FORMS": "0",
            "documents-0-kind": "terms",
            "documents-0-title": "Photo",
            "documents-0-file": disguised(),
            "documents-1-kind": "terms",
            "documents-1-title": "Cahier des charges",
            "documents-1-file": SimpleUploadedFile("cahier.pdf", MZ),
        },
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "Formats acceptés : PDF, DOCX, XLSX, ODT, ODS." in body
    assert "Le contenu du fichier n&#x27;est pas un document PDF." in body
    assert not CallDocument.objects.exists()
    assert media_files() == []


@pytest.mark.django_db
def test_integrity_documents_refuse_a_disguised_executable_in_french(
    client_for, civil_servant_a, administration_a, vocabularies
):
    from integrity.models import ChallengeType, Initiative, InitiativeDocument, Sector, Theme

    data = {
        "title_ar": "مبادرة جديدة",
        "title_fr": "Nouvelle initiative",
        "title_en": "New initiative",
        "summary_ar": "ملخص",
        "summary_fr": "Résumé",
        "summary_en": "Summary",
        "lead_administration": administration_a.pk,
        "sector": Sector.objects.get(slug="health").pk,
        "theme": Theme.objects.get(slug="prevention").pk,
        "challenge_type": ChallengeType.objects.get(slug="procurement").pk,
        "scope": "national",
        "status": "planned",
        "indicators-TOTAL_FORMS": "0",
        "indicators-INITIAL_FORMS": "0",
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "0",
        "documents-0-title": "Rapport",
        "documents-0-file": disguised(),
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
    }

    response = client_for(civil_servant_a).post("/fr/admin/integrity/initiative/add/", data)

    assert response.status_code == 200
    assert "Seuls les documents PDF" in response.content.decode()
    assert not Initiative.objects.exists() and not InitiativeDocument.objects.exists()
    assert media_files() == []


@pytest.mark.django_db
def test_opendata_resources_refuse_a_disguised_executable_in_french(
    client_for, civil_servant_a, administration_a, vocab
):
    from opendata.models import Dataset, Resource

    response = client_for(civil_servant_a).post(
        "/fr/admin/opendata/dataset/add/",
        {
            "slug": "nouveau-jeu",
            "title_ar": "مجموعة جديدة",
            "title_fr": "Nouveau jeu",
            "title_en": "New dataset",
            "publisher": administration_a.pk,
            "is_published": "on",
            "frequency": "P1Y",
            "licence": vocab["licences"]["cc-by"].pk,
            "themes": [vocab["themes"]["health"].pk],
            "modified_0": "2026-01-01",
            "modified_1": "10:00:00",
            "resources-TOTAL_FORMS": "1",
            "resources-INITIAL_FORMS": "0",
            "resources-0-title": "Données",
            "resources-0-kind": "file",
            "resources-0-file": SimpleUploadedFile("donnees.csv", MZ, content_type="text/csv"),
            "resources-0-last_modified_0": "2026-01-01",
            "resources-0-last_modified_1": "10:00:00",
        },
    )

    assert response.status_code == 200
    assert "n&#x27;est pas dans un format accepté par le portail" in response.content.decode()
    assert not Dataset.objects.filter(slug="nouveau-jeu").exists()
    assert not Resource.objects.exists()
    assert media_files() == []


def gif_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, "GIF")
    return buffer.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("image", "marker"),
    [
        # Django's image check (Pillow) speaks first for bytes that are no image at all...
        (SimpleUploadedFile("carte.png", MZ, content_type="image/png"), "une image valide"),
        # ...and the policy refuses a real image of a kind it does not take.
        (SimpleUploadedFile("carte.gif", b"", content_type="image/gif"), "PNG, JPEG ou WebP"),
    ],
)
def test_opendata_reuse_image_refuses_a_disguised_file_in_french(
    client_for, citizen, good_dataset, image, marker
):
    from opendata.models import Reuse

    if image.name.endswith(".gif"):
        image = SimpleUploadedFile("carte.gif", gif_bytes(), content_type="image/gif")
    response = client_for(citizen).post(
        "/fr/opendata/reuses/new/",
        {
            "type": "app",
            "title": "Carte des barrages",
            "description": "Une carte.",
            "datasets": [good_dataset.slug],
            "image": image,
        },
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert marker in body
    assert "Carte des barrages" in body  # what was typed is kept
    assert not Reuse.objects.exists()
    assert media_files() == []
