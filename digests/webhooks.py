"""Bounces reported by the mail service: POST /volgen/bounce/.

The service authenticates with `Authorization: Bearer <PORTAL_BOUNCE_WEBHOOK_TOKEN>`;
without that setting the endpoint does not exist (404). The body is JSON or a
form: `email`, `type` (`hard`, the default, or `soft`) and an optional `note`.
Each address then counts towards the three hard bounces that stop every mail
to it (`Bounce.objects.blocked_addresses`).
"""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404, JsonResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal import ratelimit

from .models import Bounce

REQUESTS_PER_IP_PER_HOUR = 600
# A wrong token is either a misconfigured service or someone guessing.
FAILURES_PER_IP_PER_HOUR = 10
HOUR = 60 * 60


def _error(message, status):
    return JsonResponse({"error": message}, status=status)


def _authorized(request, token):
    scheme, _space, given = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and constant_time_compare(given.strip(), token)


def _payload(request):
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return None
        return data if isinstance(data, dict) else None
    return request.POST


@csrf_exempt
@require_POST
def record_bounce(request):
    token = getattr(settings, "PORTAL_BOUNCE_WEBHOOK_TOKEN", "")
    if not token:
        raise Http404
    ip = ratelimit.client_ip(request)
    if ratelimit.is_limited(
        "bounce-webhook-failure", ip, FAILURES_PER_IP_PER_HOUR
    ) or ratelimit.is_limited("bounce-webhook", ip, REQUESTS_PER_IP_PER_HOUR):
        response = _error("too many requests", 429)
        response["Retry-After"] = str(HOUR)
        return response
    ratelimit.hit("bounce-webhook", ip, HOUR)
    if not _authorized(request, token):
        ratelimit.hit("bounce-webhook-failure", ip, HOUR)
        return _error("not authorized", 401)
    data = _payload(request)
    if data is None:
        return _error("send JSON or a form", 400)
    email = str(data.get("email", "")).strip()
    kind = str(data.get("type", "hard")).strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        return _error("email is not an e-mail address", 400)
    if kind not in ("hard", "soft"):
        return _error("type is hard or soft", 400)
    bounce = Bounce.objects.create(
        email=email,
        hard=kind == "hard",
        note=str(data.get("note", ""))[: Bounce._meta.get_field("note").max_length],
    )
    return JsonResponse({"recorded": bounce.pk, "hard": bounce.hard}, status=201)
