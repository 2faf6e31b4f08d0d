from django.db import models


class RateLimit(models.Model):
    """One counter of attempts (logins, posts) in a time window.

    Kept in the database, not the cache: a lock or limit must hold while Redis is
    down and must not vanish when Redis is flushed or restarted.
    """

    scope = models.CharField(max_length=40)
    digest = models.CharField(max_length=64)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "digest"], name="portal_ratelimit_unique"
            )
        ]

    def __str__(self):
        return f"{self.scope}: {self.count}"


class UsedFormToken(models.Model):
    """A one-time form token that has been used, and the page its post led to.

    A form posted twice (a double click, a reload after a slow answer) carries
    the same token: the unique digest lets only the first save anything; the
    second post is sent to the first one's result. See `portal.formtokens`.
    """

    scope = models.CharField(max_length=40)
    digest = models.CharField(max_length=64)
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "digest"], name="portal_usedformtoken_unique"
            )
        ]

    def __str__(self):
        return f"{self.scope}: {self.result_url}"
