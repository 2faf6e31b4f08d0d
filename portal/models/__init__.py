from .contact import ContactFormField, ContactPage
from .documents import ToolkitDocument, ToolkitPage
from .faq import FaqPage
from .guides import GuideIndexPage, GuidePage
from .mail import OutgoingMail
from .pages import BasePage, ContentPage
from .phases import Phase
from .ratelimits import RateLimit, UsedFormToken
from .site_settings import SiteSettings
from .users import User, normalize_email

__all__ = [
    "BasePage",
    "ContactFormField",
    "ContactPage",
    "ContentPage",
    "FaqPage",
    "GuideIndexPage",
    "GuidePage",
    "OutgoingMail",
    "Phase",
    "RateLimit",
    "SiteSettings",
    "ToolkitDocument",
    "ToolkitPage",
    "UsedFormToken",
    "User",
    "normalize_email",
]
