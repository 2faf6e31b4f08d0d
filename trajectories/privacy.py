"""The trajectories' personal data (see `portal.personal_data`)."""

from portal.personal_data import not_personal, personal
from portal.privacy import PUBLIC_TASK

MENTIONS = (
    "as long as the trajectory; a person's name and address are replaced when "
    "they are erased"
)

personal(
    "trajectories.TrajectoryStep",
    ["note"],
    purpose="A note on a step of the municipality's trajectory; may name people",
    legal_basis=PUBLIC_TASK,
    seen_by="the municipality's members; editors",
    retention=MENTIONS,
)
personal(
    "trajectories.TrajectoryChange",
    ["note", "summary"],
    purpose="The history of the trajectory, with who changed what",
    legal_basis=PUBLIC_TASK,
    seen_by="the municipality's members; editors",
    retention=MENTIONS,
)
personal(
    "trajectories.MentorContact",
    ["topics", "agreements", "next_step"],
    purpose="The mentor log: what was discussed and agreed; may name people",
    legal_basis=PUBLIC_TASK,
    seen_by="the municipality's members; editors",
    retention=MENTIONS,
)
not_personal(
    "trajectories.Step", ["description"], reason="A step of the route, by editors"
)
