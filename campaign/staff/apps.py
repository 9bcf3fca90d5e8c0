from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class StaffConfig(AppConfig):
    """Listed before django.contrib.auth, so that manage.py runs this app's createsuperuser
    (which prints the new account's enrolment link) rather than Django's."""

    name = "campaign.staff"
    # The label it had as a top-level app, so that nothing named after the label changes.
    label = "staff"
    default = True


class StaffAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our site (two factors, the site's own name) as admin.site."""

    default = False
    default_site = "campaign.staff.sites.StaffAdminSite"
