#!/usr/bin/env bash
# Make sure a local PostgreSQL server runs (Debian's packages), for the tests and for production-like runs.
set -euo pipefail
if pg_isready -q -h /var/run/postgresql 2>/dev/null; then exit 0; fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q .; then pg_createcluster "$version" main >/dev/null; fi
pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
for _ in $(seq 30); do pg_isready -q -h /var/run/postgresql && break; sleep 1; done
pg_isready -h /var/run/postgresql
# Trust local socket connections for the postgres role, as on the developers' machines.
su postgres -c "psql -qc 'select 1'" >/dev/null
