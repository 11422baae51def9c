"""What the action plan part holds about a person: comments, ideas, supports, progress updates."""

from transparency.models import Comment, Idea, IdeaSupport, ProgressUpdate


def export(user) -> dict:
    return {
        "comments": [
            {
                "commitment": str(c.commitment),
                "text": c.text,
                "stance": c.stance,
                "reply_to": c.parent_id,
                "created_at": c.created_at.isoformat(),
                "hidden": c.is_hidden,
            }
            for c in Comment.objects.filter(author=user).select_related("commitment")
        ],
        "ideas": [
            {
                "consultation": str(i.consultation),
                "title": i.title,
                "text": i.text,
                "status": i.status,
                "answer": i.response,
                "created_at": i.created_at.isoformat(),
            }
            for i in Idea.objects.filter(author=user).select_related("consultation")
        ],
        "supported_ideas": list(
            IdeaSupport.objects.filter(user=user).values_list("idea__title", flat=True)
        ),
        "progress_updates": [
            {"commitment": str(u.commitment), "status": u.status, "text": u.text}
            for u in ProgressUpdate.objects.filter(author=user).select_related("commitment")
        ],
    }


def anonymise(user) -> None:
    """Comments and ideas stay public without a name (the user row is anonymised by accounts);
    supports are personal choices with no public value once the person leaves."""
    IdeaSupport.objects.filter(user=user).delete()
