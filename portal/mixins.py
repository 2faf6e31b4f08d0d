"""Mixins for the class-based views of every app."""


class MetaMixin:
    """Title and description for views that are not Wagtail pages."""

    meta_title = ""
    meta_description = ""
    meta_noindex = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("meta_title", self.meta_title)
        context.setdefault("meta_description", self.meta_description)
        context.setdefault("meta_noindex", self.meta_noindex)
        return context
