"""Staff accounts: the admin site, its two-factor login and enrolment, and how login attempts
are limited and recorded. Moderators, campaign leads and editors work only in the admin."""
