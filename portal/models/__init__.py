from .contact import ContactFormField, ContactPage
from .documents import ToolkitDocument, ToolkitPage
from .faq import FaqPage
from .guides import GuideIndexPage, GuidePage
from .pages import BasePage, ContentPage
from .phases import Phase
from .site_settings import SiteSettings
from .users import User

__all__ = [
    "BasePage",
    "ContactFormField",
    "ContactPage",
    "ContentPage",
    "FaqPage",
    "GuideIndexPage",
    "GuidePage",
    "Phase",
    "SiteSettings",
    "ToolkitDocument",
    "ToolkitPage",
    "User",
]
