from django import template
from django.utils.html import format_html_join
from wagtail import hooks
from wagtail.models import Page

from portal.models.pages import route_trail
from portal.page_urls import page_full_url
from portal.roles import is_network_member

register = template.Library()


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context, page):
    """The pages above `page`, starting at the home page (the site root): those
    the request was routed through, when it was routed to `page`."""
    trail = route_trail(context.get("request"))
    if trail and trail[-1].pk == page.pk:
        return [crumb for crumb in trail[:-1] if crumb.depth >= 2 and crumb.live]
    return page.get_ancestors().filter(depth__gte=2).live()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """A page's full URL, or the current path without query string for views."""
    page = context.get("page")
    request = context.get("request")
    if isinstance(page, Page):
        return page_full_url(page, request)
    if request is not None:
        return request.build_absolute_uri(request.path)
    return ""


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


@register.filter
def elided_page_range(page_obj):
    """Page numbers around the current page, with ellipses, for pagination."""
    return page_obj.paginator.get_elided_page_range(
        page_obj.number, on_each_side=2, on_ends=1
    )


@register.simple_tag
def field_with_aria(bound_field):
    """Render a field with aria-describedby and aria-invalid for help and errors."""
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_help")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_error")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    return bound_field.as_widget(attrs=attrs)


@register.filter
def may_use_admin(user):
    """Whether the Wagtail userbar is worth rendering for `user`.

    Members never reach the admin, so their pages skip the userbar and the two
    permission queries it makes.
    """
    return user.is_authenticated and not is_network_member(user)


@register.simple_tag(takes_context=True)
def hook_sections(context, hook_name, **kwargs):
    """HTML that apps higher in the stack add to a page of a lower one.

    Each function registered for `hook_name` (a Wagtail hook) is called with the
    request and `kwargs` and returns safe HTML or an empty string; e.g. the agenda
    adds a member's registrations to the dashboard without `network` knowing it.
    `portal_page_actions` is the slot for buttons about what a page shows
    (`municipality=`, `experience=`, `experience_filter=`, `practice_filter=`,
    `agenda=`), such as following it.
    """
    request = context.get("request")
    return format_html_join(
        "",
        "{}",
        (
            (html,)
            for hook in hooks.get_hooks(hook_name)
            if (html := hook(request, **kwargs))
        ),
    )


@register.simple_tag(takes_context=True)
def openable_documents(context, documents):
    """`{% openable_documents value.documents as documents %}`: only the
    documents the visitor may open (collection privacy), so a list never shows
    the title or link of one in a restricted collection."""
    from portal.models.documents import openable_documents as openable

    return openable(documents, context.get("request"))
