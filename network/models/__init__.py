from .applications import (
    CONSENT_VERSION,
    ApplicationStatus,
    MembershipApplication,
)
from .experiences import (
    REACTION_EDIT_WINDOW,
    REPORTS_TO_HIDE,
    Experience,
    ExperienceKind,
    ExperienceTheme,
    ModerationStatus,
    Reaction,
    Report,
)
from .members import MemberProfile
from .municipalities import (
    MEMBER_STATUSES,
    MembershipStatus,
    Municipality,
    Neighbourhood,
    Province,
    bump_data_version,
    data_version,
    directory_url,
)
from .pages import ExperienceIndexPage, NetworkIndexPage, experiences_url

__all__ = [
    "CONSENT_VERSION",
    "REACTION_EDIT_WINDOW",
    "REPORTS_TO_HIDE",
    "MEMBER_STATUSES",
    "ApplicationStatus",
    "Experience",
    "ExperienceIndexPage",
    "ExperienceKind",
    "ExperienceTheme",
    "MemberProfile",
    "MembershipApplication",
    "MembershipStatus",
    "ModerationStatus",
    "Municipality",
    "Neighbourhood",
    "NetworkIndexPage",
    "Province",
    "Reaction",
    "Report",
    "bump_data_version",
    "data_version",
    "directory_url",
    "experiences_url",
]
