from .pages import BasePage, ContentPage
from .site_settings import SiteSettings
from .users import User

__all__ = ["BasePage", "SiteSettings", "ContentPage", "User"]
