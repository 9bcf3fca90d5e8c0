from memorial.admin import content, moderation  # noqa: F401  (registers the admin classes)
