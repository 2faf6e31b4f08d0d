"""The network's personal data (see `portal.personal_data`)."""

from portal.personal_data import not_personal, personal
from portal.privacy import ACCOUNT, CONSENT, UNTIL_ERASED

personal(
    "network.MembershipApplication",
    [
        "full_name",
        "job_title",
        "email",
        "phone",
        "motivation",
        "neighbourhoods",
        "housing_partner",
        "consent_given_at",
        "consent_version",
        "decision_note",
    ],
    purpose="Decide on a municipality's request to join; contact the applicant",
    legal_basis=CONSENT,
    seen_by="editors; the applicant in their data export",
    retention="rejected: 90 days after the decision; otherwise until erased",
)
personal(
    "network.MemberProfile",
    [
        "job_title",
        "phone",
        "email_visible_to_members",
        "phone_visible_to_members",
        "email_visible_since",
        "phone_visible_since",
        "listed_publicly_since",
    ],
    purpose="The member's profile and what they chose to share, with since when",
    legal_basis=ACCOUNT,
    seen_by="the member; editors; other members what the member shares",
    retention=UNTIL_ERASED,
)
not_personal(
    "network.Municipality",
    ["name", "description"],
    reason="A municipality's public name and profile text",
)
not_personal(
    "network.Neighbourhood",
    ["name", "description"],
    reason="A neighbourhood's name and public description",
)
