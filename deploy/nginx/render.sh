#!/bin/sh
# Print zhanaozen.conf with this deployment's values in place of its @NAME@ markers, e.g.
#   DOMAIN=zhanaozen.example.org deploy/nginx/render.sh > /etc/nginx/sites-available/zhanaozen
# DOMAIN is required; the others default to the reference deployment (README.md):
#   SITE_URL    https://$DOMAIN, the app's SITE_URL: where plain HTTP is redirected
#   HTTP_PORT   80                  HTTPS_PORT  443
#   TLS_CERT    /etc/letsencrypt/live/$DOMAIN/fullchain.pem
#   TLS_KEY     /etc/letsencrypt/live/$DOMAIN/privkey.pem
#   VAR_DIR     /var/lib/zhanaozen, the app's DJANGO_VAR_DIR (static/ and media/ are in it)
#   GUNICORN    127.0.0.1:8000, the app's GUNICORN_BIND
#   ADMIN_PATH  admin/, the app's DJANGO_ADMIN_PATH
#   LOG_DIR     /var/log/nginx, for this site's access log
set -eu
: "${DOMAIN:?set DOMAIN to the site's host name}"
rendered=$(sed \
  -e "s|@DOMAIN@|$DOMAIN|g" \
  -e "s|@SITE_URL@|${SITE_URL:-https://$DOMAIN}|g" \
  -e "s|@HTTP_PORT@|${HTTP_PORT:-80}|g" \
  -e "s|@HTTPS_PORT@|${HTTPS_PORT:-443}|g" \
  -e "s|@TLS_CERT@|${TLS_CERT:-/etc/letsencrypt/live/$DOMAIN/fullchain.pem}|g" \
  -e "s|@TLS_KEY@|${TLS_KEY:-/etc/letsencrypt/live/$DOMAIN/privkey.pem}|g" \
  -e "s|@VAR_DIR@|${VAR_DIR:-/var/lib/zhanaozen}|g" \
  -e "s|@GUNICORN@|${GUNICORN:-127.0.0.1:8000}|g" \
  -e "s|@ADMIN_PATH@|${ADMIN_PATH:-admin/}|g" \
  -e "s|@LOG_DIR@|${LOG_DIR:-/var/log/nginx}|g" \
  "$(dirname "$0")/zhanaozen.conf")
if printf '%s\n' "$rendered" | grep -n '@[A-Z_]*@' >&2; then
  echo "render.sh: the markers above have no value" >&2
  exit 1
fi
printf '%s\n' "$rendered"
