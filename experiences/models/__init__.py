from .experiences import (
    CARD_RENDITION,
    DETAIL_RENDITION,
    REACTION_EDIT_WINDOW,
    REPORTS_TO_HIDE,
    Experience,
    ExperienceKind,
    ExperienceTheme,
    ModerationStatus,
    Reaction,
    Report,
    experience_for_detail,
    reported_by,
    visible_reactions,
)
from .pages import ExperienceIndexPage, experiences_url

__all__ = [
    "CARD_RENDITION",
    "DETAIL_RENDITION",
    "REACTION_EDIT_WINDOW",
    "REPORTS_TO_HIDE",
    "Experience",
    "ExperienceIndexPage",
    "ExperienceKind",
    "ExperienceTheme",
    "ModerationStatus",
    "Reaction",
    "Report",
    "experience_for_detail",
    "experiences_url",
    "reported_by",
    "visible_reactions",
]
