#!/bin/sh
# manage.py as the services run it: as their user, with their environment. As root:
#   /srv/zhanaozen/deploy/manage.sh createsuperuser
set -eu
# As the units' UMask: the database and cache files it creates are not for other users (nginx
# may enter the state directory, to reach static/ and media/).
umask 027
app_dir=$(cd "$(dirname "$0")/.." && pwd)
set -a
. /etc/zhanaozen/env
set +a
cd "$app_dir"
exec runuser -u zhanaozen -- "$app_dir/.venv/bin/python" manage.py "$@"
