"""Staff pause signing or counting, site-wide (one admin-edited switch) or per petition."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from ogp_portal.core.models import TimelineEvent
from petitions import counting, pauses, services
from petitions.models import PetitionCount, PetitionsSwitch, Signature

from .conftest import altcha_payload
from .test_signing_and_counting import confirmed_now


def sign_form(province, **extra):
    return {
        "full_name": "Youssef Alaoui",
        "email": "youssef@example.test",
        "cin": "AB123456",
        "region": province.region.pk,
        "province": province.pk,
        "eligible": "on",
        "altcha": altcha_payload(),
        **extra,
    }


def test_a_site_wide_signing_pause_shows_a_message_and_records_nothing(
    client, national_petition, provinces, moderator
):
    services.set_site_switch(actor=moderator, signing_paused=True, counting_paused=False)
    url = f"/en/petitions/{national_petition.reference}/sign/"
    page = client.get(url).content.decode()
    assert 'id="signing-paused"' in page and "paused on the whole portal" in page
    assert "<altcha-widget" not in page
    response = client.post(url, sign_form(provinces[0]))
    assert response.status_code == 503 and response["Retry-After"]
    assert 'value="youssef@example.test"' in response.content.decode()
    assert not Signature.objects.exists()
    detail = client.get(f"/en/petitions/{national_petition.reference}/").content.decode()
    assert "paused on the whole portal" in detail
    assert f"/en/petitions/{national_petition.reference}/sign/" not in detail


def test_the_site_wide_message_can_be_written_by_staff(client, national_petition, moderator):
    services.set_site_switch(
        actor=moderator, signing_paused=True, counting_paused=False, message="Maintenance 10 min"
    )
    page = client.get(f"/fr/petitions/{national_petition.reference}/sign/").content.decode()
    assert "Maintenance 10 min" in page


def test_resuming_lets_people_sign_again(client, national_petition, provinces, moderator):
    services.set_site_switch(actor=moderator, signing_paused=True, counting_paused=False)
    services.set_site_switch(actor=moderator, signing_paused=False, counting_paused=False)
    client.post(f"/fr/petitions/{national_petition.reference}/sign/", sign_form(provinces[0]))
    assert Signature.objects.count() == 1
    assert TimelineEvent.objects.filter(kind="site_switch_changed").count() == 2


def test_the_service_refuses_a_signature_while_paused(national_petition, provinces, moderator):
    services.set_site_switch(actor=moderator, signing_paused=True, counting_paused=False)
    with pytest.raises(services.SigningPaused):
        services.sign(
            national_petition,
            full_name="A B",
            email="a@example.test",
            cin="AB123456",
            region=provinces[0].region,
            province=provinces[0],
        )


def test_confirmation_links_wait_while_signing_is_paused(
    client, national_petition, provinces, moderator
):
    signature = services.sign(
        national_petition,
        full_name="A B",
        email="a@example.test",
        cin="AB123456",
        region=provinces[0].region,
        province=provinces[0],
    )
    from petitions import identity

    token = identity.make_token(signature.pk, identity.CONFIRMATION_SALT)
    services.set_site_switch(actor=moderator, signing_paused=True, counting_paused=False)
    response = client.post(f"/fr/petitions/confirm/{token}/")
    assert response.status_code == 503
    signature.refresh_from_db()
    assert signature.confirmed_at is None
    services.set_site_switch(actor=moderator, signing_paused=False, counting_paused=False)
    client.post(f"/fr/petitions/confirm/{token}/")
    signature.refresh_from_db()
    assert signature.confirmed_at is not None


def test_one_petition_s_signing_is_paused_from_the_admin(
    client_for, client, national_petition, provinces, moderator
):
    staff = client_for(moderator)
    staff.post(
        "/fr/admin/petitions/petition/",
        {"action": "pause_signing", "_selected_action": [national_petition.pk]},
    )
    national_petition.refresh_from_db()
    assert national_petition.signing_paused and not national_petition.is_signable
    staff.logout()
    response = client.post(
        f"/en/petitions/{national_petition.reference}/sign/", sign_form(provinces[0])
    )
    assert response.status_code == 503 and "paused by the moderators" in response.content.decode()
    assert not Signature.objects.exists()
    events = TimelineEvent.objects.filter(
        kind="signing_paused", object_id=str(national_petition.pk)
    )
    assert events.get().is_public


def test_a_citizen_cannot_pause(citizen, national_petition):
    with pytest.raises(PermissionDenied):
        services.set_petition_pauses(national_petition, actor=citizen, signing=True)
    with pytest.raises(PermissionDenied):
        services.set_site_switch(actor=citizen, signing_paused=True, counting_paused=True)


def test_site_wide_counting_pause_stops_the_task_until_resumed(
    national_petition, provinces, moderator
):
    confirmed_now(national_petition, provinces[0], 3)
    services.set_site_switch(actor=moderator, signing_paused=False, counting_paused=True)
    assert counting.count_new_signatures() == {}
    assert PetitionCount.objects.get(pk=national_petition.pk).confirmed == 0
    services.set_site_switch(actor=moderator, signing_paused=False, counting_paused=False)
    assert counting.count_new_signatures() == {national_petition.pk: 3}


def test_the_counting_pause_setting_still_works(national_petition, provinces, settings):
    settings.PETITIONS_COUNTING_PAUSED = True
    confirmed_now(national_petition, provinces[0], 2)
    assert counting.count_new_signatures() == {}


def test_one_petition_s_counting_is_paused_and_resumed_without_losing_signatures(
    national_petition, provinces, moderator
):
    services.set_petition_pauses(national_petition, actor=moderator, counting=True)
    confirmed_now(national_petition, provinces[0], 4)
    assert counting.count_new_signatures() == {}
    services.set_petition_pauses(national_petition, actor=moderator, counting=False)
    later = timezone.now() + datetime.timedelta(minutes=1)
    assert counting.count_new_signatures(now=later) == {national_petition.pk: 4}


def test_staff_edit_the_site_switch_in_the_admin(client_for, moderator, citizen):
    staff = client_for(moderator)
    response = staff.get("/fr/admin/petitions/petitionsswitch/")
    assert response.status_code == 302
    change = response["Location"]
    response = staff.post(change, {"signing_paused": "on", "message": "Pause"})
    assert response.status_code == 302
    switch = PetitionsSwitch.objects.get()
    assert switch.signing_paused and switch.updated_by == moderator
    assert pauses.site_switch().signing_paused
    staff.logout()
    assert client_for(citizen).get(change).status_code in (302, 403)


def test_the_switch_is_remembered_a_few_seconds_per_process(national_petition, moderator):
    assert not pauses.site_switch().signing_paused
    PetitionsSwitch.objects.create(pk=1, signing_paused=True)  # behind the service's back
    assert not pauses.site_switch().signing_paused  # this process's copy
    pauses.forget()
    assert pauses.site_switch().signing_paused
