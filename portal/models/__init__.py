from .contact import ContactFormField, ContactPage, ContactStatus, ContactSubmission
from .documents import ToolkitDocument, ToolkitPage
from .faq import FaqPage
from .guides import GuideIndexPage, GuidePage
from .mail import OutgoingMail
from .pages import BasePage, ContentPage, PortalPageQuerySet, public
from .phases import Phase
from .privacy import ErasedIdentity, ExperienceChoice, LoginEvent, identity_of
from .ratelimits import RateLimit, UsedFormToken
from .site_settings import SiteSettings
from .users import User, normalize_email

__all__ = [
    "BasePage",
    "PortalPageQuerySet",
    "public",
    "ContactFormField",
    "ContactPage",
    "ContactStatus",
    "ContactSubmission",
    "ContentPage",
    "ErasedIdentity",
    "ExperienceChoice",
    "FaqPage",
    "GuideIndexPage",
    "GuidePage",
    "LoginEvent",
    "OutgoingMail",
    "Phase",
    "RateLimit",
    "SiteSettings",
    "ToolkitDocument",
    "ToolkitPage",
    "UsedFormToken",
    "User",
    "identity_of",
    "normalize_email",
]
