from .applications import (
    CONSENT_VERSION,
    ApplicationStatus,
    MembershipApplication,
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
from .pages import NetworkIndexPage

__all__ = [
    "CONSENT_VERSION",
    "MEMBER_STATUSES",
    "ApplicationStatus",
    "MemberProfile",
    "MembershipApplication",
    "MembershipStatus",
    "Municipality",
    "Neighbourhood",
    "NetworkIndexPage",
    "Province",
    "bump_data_version",
    "data_version",
    "directory_url",
]
