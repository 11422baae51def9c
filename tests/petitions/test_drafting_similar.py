"""Similar petitions while drafting: public ones and rejected ones, as the title is typed
(htmx), after a save, and without JavaScript; never a petition that is not public."""

import pytest
from django.utils import timezone

from petitions import services
from petitions.models import Petition

from .conftest import draft

WORD = "Bibliobus"  # a word only the test petitions share


def _with_status(author, addressee, status, title, **fields):
    petition = draft(author, addressee, title=title)
    Petition.objects.filter(pk=petition.pk).update(status=status, **fields)
    return petition


@pytest.fixture
def family(citizen, head_of_government):
    """One petition of the shared word in every status that matters."""
    S = Petition.Status
    made = {
        "collecting": _with_status(
            citizen,
            head_of_government,
            S.COLLECTING,
            f"{WORD} public collecting",
            published_at=timezone.now(),
        ),
        "answered": _with_status(
            citizen,
            head_of_government,
            S.ANSWERED,
            f"{WORD} public answered",
            published_at=timezone.now(),
        ),
        "rejected": _with_status(citizen, head_of_government, S.REJECTED, f"{WORD} was rejected"),
        "draft": draft(citizen, head_of_government, title=f"{WORD} secret draft"),
        "committee_forming": _with_status(
            citizen, head_of_government, S.COMMITTEE_FORMING, f"{WORD} secret committee"
        ),
        "submitted": _with_status(
            citizen, head_of_government, S.SUBMITTED, f"{WORD} secret moderation"
        ),
        "removed": _with_status(
            citizen,
            head_of_government,
            S.REMOVED,
            f"{WORD} secret removed",
            published_at=timezone.now(),
        ),
        "withdrawn_draft": _with_status(
            citizen, head_of_government, S.WITHDRAWN, f"{WORD} secret withdrawn draft"
        ),
    }
    return made


SHOWN = ("collecting", "answered", "rejected")
NEVER = ("draft", "committee_forming", "submitted", "removed", "withdrawn_draft")


def _assert_only_public_and_rejected(content, family):
    for key in SHOWN:
        assert family[key].title in content, key
    for key in NEVER:
        assert family[key].title not in content, key


def test_the_title_asks_for_similar_petitions_as_it_is_typed(client_for, citizen):
    page = client_for(citizen).get("/fr/petitions/new/").content.decode()
    title_input = next(line for line in page.splitlines() if 'name="title"' in line)
    assert 'hx-get="/fr/petitions/similar/"' in page
    assert 'hx-trigger="keyup changed delay:500ms"' in page
    assert 'hx-target="#similar-petitions"' in page and 'id="similar-petitions"' in page
    assert "<input" in title_input
    # Without JavaScript: a button that sends the form back with the list, saving nothing.
    assert 'name="check_similar"' in page


def test_the_htmx_fragment_lists_public_and_rejected_petitions_only(
    client_for, citizen, family, moderator
):
    response = client_for(citizen).get("/fr/petitions/similar/", {"title": f"{WORD} rural"})
    content = response.content.decode()
    assert response.status_code == 200 and "<html" not in content
    _assert_only_public_and_rejected(content, family)
    # Public ones are linked; a rejected one is named with its status, not linked.
    assert family["collecting"].get_absolute_url() in content
    assert family["rejected"].get_absolute_url() not in content
    assert str(Petition.Status.REJECTED.label) in content
    assert "private" in response["Cache-Control"]


def test_at_most_five_similar_petitions(client_for, citizen, head_of_government):
    for i in range(7):
        _with_status(
            citizen,
            head_of_government,
            Petition.Status.COLLECTING,
            f"{WORD} number {i}",
            published_at=timezone.now(),
        )
    content = client_for(citizen).get("/fr/petitions/similar/", {"title": WORD}).content.decode()
    assert content.count(f"{WORD} number") == 5


def test_a_long_title_still_finds_near_duplicates(client_for, citizen, family):
    title = f"Pour un {WORD} dans chaque commune collecting de la province"
    content = client_for(citizen).get("/fr/petitions/similar/", {"title": title}).content.decode()
    assert family["collecting"].title in content


def test_nothing_to_compare_with_shows_nothing(client_for, citizen, family):
    client = client_for(citizen)
    assert "<li>" not in client.get("/fr/petitions/similar/", {"title": ""}).content.decode()
    content = client.get("/fr/petitions/similar/", {"title": "zzz qqq"}).content.decode()
    assert "<li>" not in content and 'id="similar-none"' in content


def test_an_invalid_post_lists_no_petition_that_is_not_public(client_for, citizen, family):
    """The leak of the audit: the form listed drafts, committees forming and petitions
    awaiting moderation after an invalid POST."""
    response = client_for(citizen).post("/fr/petitions/new/", {"title": f"{WORD} rural"})
    assert response.status_code == 200
    _assert_only_public_and_rejected(response.content.decode(), family)


def test_without_javascript_the_check_button_keeps_the_input_and_saves_nothing(
    client_for, citizen, family, head_of_government
):
    before = Petition.objects.count()
    response = client_for(citizen).post(
        "/fr/petitions/new/",
        {
            "check_similar": "1",
            "kind": "national_petition",
            "addressee": head_of_government.pk,
            "title": f"{WORD} for every village",
            "text": "Un texte que l'agent ne veut pas perdre.",
            "confirms_constants": "on",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200 and Petition.objects.count() == before
    _assert_only_public_and_rejected(content, family)
    assert f'value="{WORD} for every village"' in content
    assert "Un texte que l&#x27;agent ne veut pas perdre." in content
    assert 'name="confirms_constants" id="id_confirms_constants" checked' in content
    assert "is-invalid" not in content  # fields not filled yet are not errors here


def test_after_save_and_continue_the_form_and_committee_pages_show_them(
    client_for, citizen, family, head_of_government
):
    mine = draft(citizen, head_of_government, title=f"{WORD} my own draft")
    client = client_for(citizen)
    for url in (
        f"/fr/petitions/{mine.reference}/edit/",
        f"/fr/petitions/{mine.reference}/committee/",
    ):
        content = client.get(url).content.decode()
        _assert_only_public_and_rejected(content, family)


def test_the_edit_form_check_button_keeps_what_was_typed(
    client_for, citizen, family, head_of_government
):
    mine = draft(citizen, head_of_government, title=f"{WORD} my own draft")
    response = client_for(citizen).post(
        f"/fr/petitions/{mine.reference}/edit/",
        {"check_similar": "1", "title": f"{WORD} renamed", "author_type": "citizens"},
    )
    content = response.content.decode()
    assert response.status_code == 200 and f'value="{WORD} renamed"' in content
    assert "is-invalid" not in content
    _assert_only_public_and_rejected(content, family)
    mine.refresh_from_db()
    assert mine.title == f"{WORD} my own draft"  # nothing saved


def test_the_similar_fragment_needs_sign_in(client, family):
    assert client.get("/fr/petitions/similar/", {"title": WORD}).status_code == 302


def test_a_withdrawn_petition_that_was_published_stays_listed(
    client_for, citizen, head_of_government, national_petition
):
    services.withdraw(national_petition, actor=citizen, reason="Plus utile.")
    content = (
        client_for(citizen)
        .get("/fr/petitions/similar/", {"title": national_petition.title})
        .content.decode()
    )
    assert national_petition.title in content


def test_titles_rejected_as_offensive_or_discriminatory_are_never_repeated(
    client_for, citizen, head_of_government, family
):
    S, R = Petition.Status, Petition.RejectionReason
    offensive = _with_status(
        citizen, head_of_government, S.REJECTED, f"{WORD} insulting", rejection_reason=R.OFFENSIVE
    )
    duplicate = _with_status(
        citizen, head_of_government, S.REJECTED, f"{WORD} duplicate", rejection_reason=R.DUPLICATE
    )

    content = client_for(citizen).get("/fr/petitions/similar/", {"title": WORD}).content.decode()

    assert offensive.title not in content
    assert duplicate.title in content
