from .contact import ContactFormField, ContactPage, ContactStatus, ContactSubmission
from .documents import ToolkitDocument, ToolkitPage
from .faq import FaqPage
from .guides import GuideIndexPage, GuidePage
from .mail import OutgoingMail
from .pages import BasePage, ContentPage
from .phases import Phase
from .ratelimits import RateLimit
from .site_settings import SiteSettings
from .users import User, normalize_email

__all__ = [
    "BasePage",
    "ContactFormField",
    "ContactPage",
    "ContactStatus",
    "ContactSubmission",
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
    "User",
    "normalize_email",
]
