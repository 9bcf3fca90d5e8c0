from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite

from campaign.staff import views
from campaign.staff.forms import StaffLoginForm


class StaffAdminSite(OTPAdminSite):
    """The admin: only for staff whose session a second factor verified (OTPAdminSite), with
    one login form for all three factors, and the enrolment pages a new account starts on."""

    site_header = _("Zhanaozen memorial — moderation")
    site_title = _("Zhanaozen memorial — moderation")
    index_title = _("Moderation")
    login_form = StaffLoginForm
    login_template = "staff/login.html"

    def __init__(self, name="admin"):
        super().__init__(name)
        self.pages = []

    def register_page(self, route, view, name):
        """A page an app adds to the admin (in its admin module), behind the same login and
        second factor as the rest: `view(request, site)`. Pages come before the admin's own
        URLs, so one may take its app's index URL."""
        self.pages.append(path(route, self.admin_view(view), {"site": self}, name=name))

    def get_urls(self):
        # Enrolment is outside admin_view: the person enrolling is not logged in yet.
        return [
            path("enrol/<str:token>/", views.enrol, {"site": self}, name="staff_enrol"),
            path(
                "enrol/",
                views.enrol_authenticator,
                {"site": self},
                name="staff_enrol_authenticator",
            ),
            path(
                "backup-codes/",
                self.admin_view(views.backup_codes),
                {"site": self},
                name="staff_backup_codes",
            ),
            *self.pages,
            *super().get_urls(),
        ]
