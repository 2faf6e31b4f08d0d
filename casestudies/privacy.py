"""The case studies' personal data (see `portal.personal_data`)."""

from portal.personal_data import not_personal, personal
from portal.privacy import PUBLIC_TASK

personal(
    "casestudies.CaseStudyPage",
    ["contact_name", "contact_role", "contact_email", "hero_image"],
    purpose="The practice's contact person, and its picture (may show people)",
    legal_basis=PUBLIC_TASK,
    seen_by="everyone",
    retention="as long as the practice is published; editors remove it on request",
)

not_personal(
    "casestudies.ListingFacetCounts",
    ["themes", "years"],
    reason="Counts of the published practices per theme and start year",
)
