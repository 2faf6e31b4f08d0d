from .applications import (
    APPLICANT_FIELDS,
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
    choice_label,
    data_version,
    directory_url,
)
from .pages import CachedURLPageMixin, NetworkIndexPage, cached_page_url

__all__ = [
    "APPLICANT_FIELDS",
    "CONSENT_VERSION",
    "MEMBER_STATUSES",
    "ApplicationStatus",
    "CachedURLPageMixin",
    "MemberProfile",
    "MembershipApplication",
    "MembershipStatus",
    "Municipality",
    "Neighbourhood",
    "NetworkIndexPage",
    "Province",
    "bump_data_version",
    "cached_page_url",
    "choice_label",
    "data_version",
    "directory_url",
]
