from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 20


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = PER_PAGE) -> Page:
    """The requested page; a page number that is not a number gives the first page and one
    beyond the end gives the last, so a stale or hand-edited link still shows results."""
    paginator = Paginator(queryset, per_page)
    page = paginator.get_page(request.GET.get("page"))
    page.elided_range = list(  # type: ignore[attr-defined]  # for the template
        paginator.get_elided_page_range(page.number, on_each_side=2)
    )
    return page
