from django.shortcuts import render

from ogp_portal.core.caching import anonymous_page_cache
from ogp_portal.core.registry import areas

from .models import Consultation
from .plan.progress import plan_progress
from .plan.stats import co_creation, current_plan, latest_updates


@anonymous_page_cache
def index(request):
    area = next(a for a in areas() if a.key == "transparency")
    plan = current_plan()
    return render(
        request,
        "transparency/index.html",
        {
            "area": area,
            "figures": area.figures(),
            "plan": plan,
            "rollup": plan_progress(plan) if plan else None,
            "co_creation": co_creation(plan) if plan else None,
            "open_consultations": Consultation.objects.open().select_related("plan"),
            "updates": latest_updates(3),
        },
    )
