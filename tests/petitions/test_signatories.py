"""Recent signatories on the petition page: the first name and province of those who agreed,
confirmed, counted and valid; never a full name or an exact time; the anonymous page stays
cached."""

import datetime
import re

from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from petitions import counting, services
from petitions.forms import SignForm
from petitions.models import Signature

RECENT_SIGNATORIES = 20  # petitions.views.RECENT_SIGNATORIES


def _sign(petition, province, cin, name, show=True, **extra):
    return services.sign(
        petition,
        full_name=name,
        email=f"{cin.lower()}@example.test",
        cin=cin,
        region=province.region,
        province=province,
        show_first_name=show,
        **extra,
    )


def _confirm(*signatures, minutes_ago=5):
    Signature.objects.filter(pk__in=[s.pk for s in signatures]).update(
        confirmed_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )


def _section(content: str) -> str:
    match = re.search(r'<section[^>]*id="recent-signatories".*?</section>', content, re.S)
    return match.group(0) if match else ""


def test_the_page_lists_consenting_confirmed_counted_signatories(
    client, national_petition, provinces, moderator
):
    shown = _sign(national_petition, provinces[0], "AA100001", "Amina Tazi")
    hidden = _sign(national_petition, provinces[1], "AA100002", "Karim Idrissi", show=False)
    unconfirmed = _sign(national_petition, provinces[1], "AA100003", "Nadia Berrada")
    invalid = _sign(national_petition, provinces[2], "AA100004", "Hamid Fassi")
    late = _sign(national_petition, provinces[3], "AA100005", "Souad Lahlou")
    _confirm(shown, hidden, invalid)
    services.invalidate_signatures(
        Signature.objects.filter(pk=invalid.pk), actor=moderator, reason="Test"
    )
    counting.count_new_signatures()
    _confirm(late, minutes_ago=0)  # confirmed after the count's watermark: not yet counted

    content = client.get(f"/fr/petitions/{national_petition.reference}/").content.decode()
    section = _section(content)
    assert "Amina" in section and provinces[0].name_fr in section
    for name in ("Karim", "Nadia", "Hamid", "Souad"):
        assert name not in content, name
    # Never a full name, never a time of day.
    assert "Tazi" not in content
    assert not re.search(r"\d{1,2}:\d{2}", section)
    assert unconfirmed.pk  # signed, never shown


def test_at_most_the_latest_twenty(client, national_petition, provinces):
    rows = [
        _sign(national_petition, provinces[0], f"AB{i:06d}", f"Prenom{i:02d} Nom")
        for i in range(RECENT_SIGNATORIES + 5)
    ]
    for i, row in enumerate(rows):
        Signature.objects.filter(pk=row.pk).update(
            confirmed_at=timezone.now() - datetime.timedelta(minutes=60 - i)
        )
    counting.count_new_signatures()
    section = _section(client.get(f"/fr/petitions/{national_petition.reference}/").content.decode())
    assert section.count("<li>") == RECENT_SIGNATORIES
    assert "Prenom24" in section and "Prenom05" in section and "Prenom04" not in section


def test_no_section_without_consenting_signatories(client, national_petition, provinces):
    _confirm(_sign(national_petition, provinces[0], "AC000001", "Leila Amrani", show=False))
    counting.count_new_signatures()
    content = client.get(f"/fr/petitions/{national_petition.reference}/").content.decode()
    assert 'id="recent-signatories"' not in content


def test_the_anonymous_page_stays_cached_with_the_list(
    client, national_petition, provinces, django_assert_max_num_queries
):
    from django.db import connection

    _confirm(_sign(national_petition, provinces[0], "AD000001", "Rachida Alami"))
    counting.count_new_signatures()
    url = f"/fr/petitions/{national_petition.reference}/"
    first = client.get(url)
    assert "public" in first["Cache-Control"] and "Rachida" in first.content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.content == first.content
    assert len(queries) <= 2  # the version statement (and the switch at most)


def test_erased_signer_data_leave_no_first_name(client, national_petition, provinces, ogp_staff):
    _confirm(_sign(national_petition, provinces[0], "AE000001", "Meryem Saidi"))
    counting.count_new_signatures()
    services.close(national_petition, actor=ogp_staff)
    national_petition.refresh_from_db()
    services.erase_signer_data(national_petition)
    content = client.get(f"/fr/petitions/{national_petition.reference}/").content.decode()
    assert "Meryem" not in content


def test_the_consent_says_province_as_the_list_shows():
    from django.utils import translation

    with translation.override("en"):
        label = str(SignForm.base_fields["show_first_name"].label)
    assert "province" in label and "region" not in label
