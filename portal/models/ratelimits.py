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
