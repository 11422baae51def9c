"""Page links for long lists: the first and last pages and two on each side of the current
one, without walking every page number (a list of 50,000 awards has 2,000 pages)."""

from django import template

register = template.Library()


@register.simple_tag
def elided_pages(page_obj):
    """The page numbers to link to, with None where pages are left out."""
    paginator = page_obj.paginator
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    ]
