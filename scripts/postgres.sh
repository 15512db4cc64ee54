#!/usr/bin/env bash
# Make sure a local PostgreSQL server runs (Debian's packages) and that the current OS user has a role on it,
# so the tests connect as themselves over the local socket (peer authentication, the host's rules untouched).
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi
if ! pg_isready -q -h /var/run/postgresql 2>/dev/null; then
  version=$(ls /etc/postgresql | sort -V | tail -1)
  if ! pg_lsclusters -h | grep -q .; then pg_createcluster "$version" main >/dev/null; fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 30); do pg_isready -q -h /var/run/postgresql && break; sleep 1; done
fi
pg_isready -h /var/run/postgresql
me=$(id -un)
if ! psql -h /var/run/postgresql -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
  # A role of the OS user's own name, made by the server's owner: a superuser, since the tests create and
  # drop their databases. (Root in CI can become `postgres`; elsewhere sudo asks.)
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/sh -c "createuser --superuser '$me'"
  else
    sudo -u postgres createuser --superuser "$me"
  fi
fi
psql -h /var/run/postgresql -d postgres -Atqc 'select 1' >/dev/null
