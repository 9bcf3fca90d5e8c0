"""Login attempts as django-axes records them: a pseudonym for the client, nothing about the
browser. Axes limits failures per client and per user name (settings.AXES_LOCKOUT_PARAMETERS);
these two hooks decide what it stores to do so."""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler

from campaign.lib.digests import client_ip, keyed_digest


def client_pseudonym(request):
    """The client as axes knows it (AXES_CLIENT_IP_CALLABLE): a keyed digest of the client IP
    read as the rest of the site reads it (DJANGO_CLIENT_IP_HEADER), never the IP itself.

    Axes keeps it in an IP address column, so the digest is written as an IPv6 address in the
    unique-local range fd00::/8 (120 bits of it): an address nobody on the internet has, the
    same one for every attempt from one client. Its own purpose keeps it apart from the
    digests on signatures.
    """
    digest = keyed_digest("login-client", client_ip(request))
    return str(ipaddress.IPv6Address(bytes.fromhex("fd" + digest[:30])))


class PseudonymousHandler(AxesDatabaseHandler):
    """Axes' database handler, minus the browser's User-Agent and Accept headers: they are not
    used to limit anything here, and would only help to recognise a person."""

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        forget_browser(request)
        return super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender, request, user, **kwargs):
        forget_browser(request)
        return super().user_logged_in(sender, request, user, **kwargs)


def forget_browser(request):
    if request is not None:
        request.axes_user_agent = ""
        request.axes_http_accept = ""
