import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .forms import DeleteAccountForm, ProfileForm
from .services import delete_account, export_personal_data


@login_required
@require_http_methods(["GET", "POST"])
def my_data(request):
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            for field in ("full_name", "phone", "preferred_language"):
                setattr(user, field, form.cleaned_data[field])
            user.save(update_fields=["full_name", "phone", "preferred_language"])
            messages.success(request, _("Your details were saved."))
            return redirect("accounts:my_data")
    else:
        form = ProfileForm(
            initial={
                "full_name": user.full_name,
                "phone": user.phone,
                "preferred_language": user.preferred_language,
            }
        )
    return render(
        request,
        "accounts/my_data.html",
        {"form": form, "delete_form": DeleteAccountForm(), "summary": export_personal_data(user)},
    )


@login_required
def download_my_data(request):
    payload = export_personal_data(request.user)
    payload["exported_at"] = timezone.now().isoformat()
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-data-ogp-maroc.json"'
    return response


@login_required
@require_POST
def delete_my_account(request):
    form = DeleteAccountForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "accounts/my_data.html",
            {
                "form": ProfileForm(initial={"full_name": request.user.full_name}),
                "delete_form": form,
                "summary": export_personal_data(request.user),
            },
            status=400,
        )
    delete_account(request.user)
    logout(request)
    messages.success(
        request,
        _("Your account was deleted. Public records you contributed stay, without your name."),
    )
    return redirect("core:home")
