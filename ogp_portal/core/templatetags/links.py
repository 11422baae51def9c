"""{% linked_items obj %}: what an object is linked to in other apps, grouped, public only."""

from django import template

from ogp_portal.core import links

register = template.Library()


@register.inclusion_tag("core/_links.html")
def linked_items(obj, heading=None, empty=None):
    """The public links of obj (both ways), grouped by app and model.

    heading: the section's title (default "Linked across the portal"); empty: a sentence to
    show when there is nothing (default: the section is left out).
    """
    items = links.public_links(obj)
    return {
        "groups": links.grouped(items),
        "heading": heading,
        "empty": empty,
        "section_id": f"links-{obj._meta.model_name}-{obj.pk}" if obj is not None else "links",
    }
