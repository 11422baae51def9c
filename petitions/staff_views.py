"""Pages for moderators and OGP staff: removing a petition, and searching its signatures to
invalidate (or restore) them in bulk; and the scanned paper signature sheets, for them and
the reviewers of the petition's addressee. Anyone else gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ogp_portal.core import uploads

from . import abuse, permissions, services
from .forms import InvalidateForm, RemoveForm, RestoreForm, SignatureSearchForm
from .models import InvalidationBatch, PaperScan, Petition

RESULTS_PER_PAGE = 50


def _moderator_only(request):
    if not permissions.can_moderate_petitions(request.user):
        raise Http404


@login_required
@never_cache
def remove(request, reference):
    _moderator_only(request)
    petition = get_object_or_404(Petition, reference=reference)
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.remove(
                petition,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The petition is removed: its page now answers “gone”."))
            return redirect("admin:petitions_petition_change", petition.pk)
    return render(request, "petitions/remove.html", {"petition": petition, "form": form})


def _mask(email: str) -> str:
    local, _at, domain = email.partition("@")
    return f"{local[:1]}…@{domain}" if domain else ""


@login_required
@never_cache
def signatures(request, reference):
    """Search a petition's signatures; invalidate the matches in bulk; restore a batch."""
    _moderator_only(request)
    petition = get_object_or_404(Petition, reference=reference)
    search = SignatureSearchForm(request.GET or None)
    invalidate_form = InvalidateForm()
    restore_error = None
    qs = None
    if search.is_bound and search.is_valid():
        data = search.cleaned_data
        qs = abuse.search_signatures(
            petition,
            domain=data.get("domain"),
            network=data.get("ip"),
            province=data.get("province"),
            since=data.get("since"),
            until=data.get("until"),
            state=data.get("state") or "all",
        )
    here = f"{reverse('petitions:signatures', args=[reference])}?{urlencode(request.GET)}"

    if request.method == "POST" and request.POST.get("action") == "invalidate":
        invalidate_form = InvalidateForm(request.POST)
        if qs is None or not search.has_criteria():
            invalidate_form.add_error(None, _("Search with at least one criterion first."))
        elif invalidate_form.is_valid():
            matches = qs.filter(invalidated=False)
            if matches.count() != invalidate_form.cleaned_data["expected"]:
                invalidate_form.add_error(
                    None, _("The matches changed since you searched: check them and try again.")
                )
            else:
                try:
                    n = services.invalidate_signatures(
                        matches,
                        actor=request.user,
                        reason=invalidate_form.cleaned_data["reason"],
                        criteria=search.criteria(),
                    )
                except ValidationError as exc:
                    invalidate_form.add_error(None, exc)
                else:
                    messages.success(request, _("%(n)d signature(s) invalidated.") % {"n": n})
                    return redirect(here)
    elif request.method == "POST" and request.POST.get("action") == "restore":
        restore = RestoreForm(request.POST)
        if restore.is_valid():
            batch = get_object_or_404(
                InvalidationBatch, pk=restore.cleaned_data["batch"], petition=petition
            )
            try:
                n = services.restore_invalidation(
                    batch, actor=request.user, reason=restore.cleaned_data["reason"]
                )
            except ValidationError as exc:
                restore_error = exc.messages[0]
            else:
                messages.success(request, _("%(n)d signature(s) restored.") % {"n": n})
                return redirect(here)
        else:
            restore_error = _("Choose a batch to restore.")

    summary = page = None
    if qs is not None:
        summary = abuse.summary(qs)
        page = Paginator(
            qs.select_related("province").order_by("-created_at", "-pk"), RESULTS_PER_PAGE
        ).get_page(request.GET.get("page"))
        for signature in page:
            signature.masked_email = _mask(signature.email)
        summary["to_invalidate"] = qs.filter(invalidated=False).count()
        if not invalidate_form.is_bound:
            invalidate_form = InvalidateForm(initial={"expected": summary["to_invalidate"]})
    return render(
        request,
        "petitions/signatures.html",
        {
            "petition": petition,
            "search": search,
            "summary": summary,
            "page_obj": page,
            "invalidate_form": invalidate_form,
            "can_invalidate": qs is not None and search.has_criteria(),
            "batches": petition.invalidation_batches.select_related("actor", "restored_by"),
            "clusters": petition.clusters.all()[:50],
            "restore_error": restore_error,
            "restore_form": RestoreForm(),
        },
    )


@login_required
@never_cache
def paper_scan(request, pk):
    """A scan of paper signature sheets (names and CIN numbers): moderators, OGP staff and the
    reviewers of the petition's addressee only (404 for anyone else, the agent included),
    as a private download (never cached, never rendered by the browser)."""
    scan = get_object_or_404(PaperScan.objects.select_related("batch__petition"), pk=pk)
    petition = scan.batch.petition
    if not (
        permissions.can_moderate_petitions(request.user)
        or permissions.can_review_petition(request.user, petition)
    ):
        raise Http404
    return uploads.attachment_response(
        scan.file,
        download_name=f"{petition.reference}-paper-{scan.batch_id}-{scan.pk}",
        content_type=scan.content_type,
        private=True,
    )
