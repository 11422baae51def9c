"""Scanned paper signature sheets hold signers' names and CIN numbers: downloaded through a
permission-checked view (never /media/, which production does not serve), and deleted when
the signers' data are erased."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from ogp_portal.accounts import roles
from petitions import services
from petitions.models import PaperScan
from tests.factories import verified_user

SCAN = b"%PDF-1.4\n% Fatima Zahra AB123456, Omar K765432\n"


@pytest.fixture
def batch(citizen, national_petition, provinces):
    upload = SimpleUploadedFile("feuilles.pdf", SCAN, content_type="application/pdf")
    upload.sniffed_content_type = "application/pdf"
    return services.record_paper_batch(
        national_petition, actor=citizen, counts={provinces[0]: 2}, scans=[upload]
    )


def _url(scan):
    return f"/fr/petitions/paper-scans/{scan.pk}/"


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("who", ["reviewer", "moderator", "ogp_staff"])
def test_the_addressee_s_reviewers_and_moderators_download_a_scan(client_for, batch, who, request):
    scan = batch.scans.get()
    response = client_for(request.getfixturevalue(who)).get(_url(scan))
    assert response.status_code == 200
    assert _body(response) == SCAN
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Content-Type"] == "application/pdf"


def test_anyone_else_gets_404(client, client_for, batch, citizen, reviewer_b, civil_servant_a):
    scan = batch.scans.get()
    assert client.get(_url(scan)).status_code == 302  # anonymous: sign in first
    # The agent who recorded it, a reviewer of another authority, a civil servant.
    for user in (citizen, reviewer_b, civil_servant_a):
        assert client_for(user).get(_url(scan)).status_code == 404, user.email
    stranger = verified_user(email="x@example.test", roles=[roles.PETITION_REVIEWER])
    assert client_for(stranger).get(_url(scan)).status_code == 404
    assert client_for(citizen).get("/fr/petitions/paper-scans/999999/").status_code == 404


def test_the_admin_links_scans_through_the_view_not_media(client_for, batch, reviewer):
    scan = batch.scans.get()
    page = (
        client_for(reviewer)
        .get(f"/fr/admin/petitions/paperbatch/{batch.pk}/change/")
        .content.decode()
    )
    assert f'href="{_url(scan)}"' in page
    # No link to the storage (the inline still names the stored file in its row title).
    assert "/media/" not in page and f'{scan.file.name}"' not in page


def test_erasing_signer_data_deletes_the_scans_from_storage(
    batch, national_petition, ogp_staff, client_for, reviewer, django_capture_on_commit_callbacks
):
    scan = batch.scans.get()
    name = scan.file.name
    assert default_storage.exists(name)
    services.close(national_petition, actor=ogp_staff)
    national_petition.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.erase_signer_data(national_petition)
    assert not default_storage.exists(name)
    scan = PaperScan.objects.get(pk=scan.pk)
    assert not scan.file and scan.size == 0
    # The batch and its counts stay; the download is gone, the admin says why.
    batch.refresh_from_db()
    assert batch.total == 2 and batch.lines.get().count == 2
    assert client_for(reviewer).get(_url(scan)).status_code == 404
    page = client_for(reviewer).get(f"/fr/admin/petitions/paperbatch/{batch.pk}/change/")
    assert page.status_code == 200


def test_the_files_stay_if_the_erasure_rolls_back(
    batch, national_petition, ogp_staff, django_capture_on_commit_callbacks
):
    from django.db import transaction

    name = batch.scans.get().file.name
    services.close(national_petition, actor=ogp_staff)
    national_petition.refresh_from_db()

    class Abort(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Abort):
        with transaction.atomic():
            services.erase_signer_data(national_petition)
            raise Abort
    assert default_storage.exists(name)
    assert PaperScan.objects.get().file.name == name
