import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from csofunding.models import CallDocument
from csofunding.validators import MAX_DOCUMENT_BYTES, validate_document

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


def test_a_real_pdf_and_a_real_docx_are_accepted():
    validate_document(SimpleUploadedFile("cahier.pdf", PDF, "application/pdf"))
    validate_document(
        SimpleUploadedFile("formulaire.docx", docx_bytes(), "application/octet-stream")
    )


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("cahier.pdf", b"MZ\x90\x00 not a pdf", "bad_content"),
        ("formulaire.docx", b"PK\x03\x04 but not a zip", "bad_content"),
        ("script.exe", PDF, "bad_extension"),
        ("noextension", PDF, "bad_extension"),
    ],
)
def test_a_file_whose_content_does_not_match_its_type_is_refused(name, content, code):
    with pytest.raises(ValidationError) as info:
        validate_document(SimpleUploadedFile(name, content))
    assert info.value.code == code


def test_a_file_over_the_size_limit_is_refused():
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * MAX_DOCUMENT_BYTES)

    with pytest.raises(ValidationError) as info:
        validate_document(big)
    assert info.value.code == "too_large"


def test_the_admin_refuses_a_fake_pdf_on_a_call(client_for, civil_servant_a, call_a):
    data = {
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "0",
        "documents-0-kind": "terms",
        "documents-0-title": "Cahier des charges",
        "documents-0-file": SimpleUploadedFile("cahier.pdf", b"<html>nope</html>"),
    }
    form_data = {
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
        **data,
    }

    response = client_for(civil_servant_a).post(
        f"/en/admin/csofunding/call/{call_a.pk}/change/", form_data
    )

    assert response.status_code == 200
    assert "is not a PDF document" in response.content.decode()
    assert not CallDocument.objects.exists()


def test_a_published_calls_document_downloads_and_records_its_size(client, call_a):
    document = CallDocument(call=call_a, title="Cahier", kind="terms")
    document.file.save("cahier.pdf", SimpleUploadedFile("cahier.pdf", PDF), save=True)

    assert document.size == len(PDF)
    response = client.get(f"/fr/funding/calls/{call_a.reference}/documents/{document.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert client.get(f"/fr/funding/calls/{call_a.reference}/documents/999/").status_code == 404
