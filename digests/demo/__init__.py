"""Demo follows: what the demo member and one colleague follow, and how often.

They show on those members' dashboards and in the editors' digest preview; the
demo adds no content of its own. Only what is missing is added.
"""

import os

from django.contrib.auth import get_user_model
from taggit.models import Tag

from digests.models import DigestPreference, Follow, Frequency, Scope
from network.models import Municipality

DEMO_FOLLOWS = {
    # The demo login (Leuven): a theme, the mentor city, questions, the agenda.
    "DEMO_MEMBER_EMAIL": (
        "lid@pleinmakers.example",
        Frequency.WEEKLY,
        [
            {"theme": "burendag"},
            {"municipality": "12025"},
            {"kind": "vraag", "scope": Scope.EXPERIENCES},
            {"agenda": True},
        ],
    ),
    "": (
        "jonas.declercq@kortrijk.example",
        Frequency.DAILY,
        [{"theme": "huisvesting"}, {"agenda": True}],
    ),
}


def _criteria(spec):
    criteria = {"scope": spec.get("scope", Scope.ALL)}
    if "theme" in spec:
        criteria["theme"] = Tag.objects.filter(slug=spec["theme"]).first()
        if criteria["theme"] is None:
            return None
    if "municipality" in spec:
        criteria["municipality"] = Municipality.objects.get(
            nis_code=spec["municipality"]
        )
    if "kind" in spec:
        criteria["kind"] = spec["kind"]
    if spec.get("agenda"):
        criteria["agenda"] = True
    return criteria


def load(loader):
    User = get_user_model()
    for env, (default_email, frequency, follows) in DEMO_FOLLOWS.items():
        email = (os.environ.get(env) if env else None) or default_email
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        _preference, created = DigestPreference.objects.get_or_create(
            user=user, defaults={"frequency": frequency}
        )
        if created:
            loader.stdout.write(f"  + digest {frequency} for {email}")
        for spec in follows:
            criteria = _criteria(spec)
            if criteria and not Follow.objects.filter(user=user, **criteria).exists():
                Follow.objects.create(user=user, **criteria)
                loader.stdout.write(f"  + {email} follows {spec}")
