"""Tags for the frame every page shows (header, footer, breadcrumbs), which
every page renders before its own content: the least Python work for the
same HTML.
"""

from html import escape

from django import template
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from portal.models.pages import frame_pages
from portal.page_urls import page_url
from portal.request_memo import memo

register = template.Library()

# Renderings a `{% constant %}` block keeps: one per language and script
# prefix a process serves, with room to spare.
_MAX_RENDERINGS = 16


class ConstantNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.renderings = {}

    def render(self, context):
        key = (get_language(), get_script_prefix(), context.autoescape)
        html = self.renderings.get(key)
        if html is None:
            # An empty context: a variable in the block renders empty here,
            # never one request's value for the next.
            html = self.nodelist.render(context.new())
            if len(self.renderings) < _MAX_RENDERINGS:
                self.renderings[key] = html
        return html


@register.tag
def constant(parser, token):
    """`{% constant %}...{% endconstant %}`: markup that depends on nothing but
    the code and the active language (translated text, `{% url %}` of a named
    route, `{% static %}`, includes of such markup), rendered once per
    language for as long as the template is loaded.

    No variables of the page inside: the block renders without them.
    """
    nodelist = parser.parse(("endconstant",))
    parser.delete_first_token()
    return ConstantNode(nodelist)


@register.simple_tag(takes_context=True)
def frame_url(context, page):
    """`{% pageurl page %}` for the frame's links (`portal.page_urls`)."""
    return page_url(page, context.get("request"))


def _link_items(links):
    """`<li><a href="url" aria-current="...">title</a></li>` for each (url,
    title, aria-current or None) of `links`.

    The standard library's `html.escape` is what Django's `escape` calls, after
    checks for lazy text that cost more than the escaping for a dozen links.
    """
    items = (
        '<li><a href="{}"{}>{}</a></li>'.format(
            escape(str(url)),
            f' aria-current="{current}"' if current else "",
            escape(title),
        )
        for url, title, current in links
    )
    return mark_safe("".join(items))  # noqa: S308 - url and title escaped above


def _service_links(request):
    return _link_items(
        (page_url(service, request), service.title, None)
        for service in frame_pages(request).services
    )


@register.simple_tag(takes_context=True)
def service_links(context):
    """The FAQ and the contact page as list items, for the header and the
    footer: built once per request."""
    request = context.get("request")
    return memo("frame_service_links", lambda: _service_links(request), request)


def _current(item, page):
    """The `aria-current` of a menu item: "page" on the item's own page,
    "true" below it, None elsewhere."""
    if not isinstance(page, Page) or not page.path.startswith(item.path):
        return None
    return "page" if item.pk == page.pk else "true"


@register.simple_tag(takes_context=True)
def menu_links(context, page=None):
    """The main menu (the site root's live, public children marked 'show in
    menus') as list items, the section of `page` marked `aria-current`."""
    request = context.get("request")
    return _link_items(
        (page_url(item, request), item.title, _current(item, page))
        for item in frame_pages(request).menu
    )
