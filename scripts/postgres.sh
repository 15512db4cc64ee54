#!/usr/bin/env bash
# Make sure a local PostgreSQL server runs (Debian's packages) and lets the tests connect as `postgres`
# over the local socket, as on the developers' machines.
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
if ! psql -U postgres -h /var/run/postgresql -Atqc 'select 1' >/dev/null 2>&1; then
  # Debian's default is peer authentication; the tests run as another OS user.
  hba=$(su postgres -c "psql -Atqc 'show hba_file'")
  sed -i '1i local all postgres trust' "$hba"
  su postgres -c "psql -Atqc 'select pg_reload_conf()'" >/dev/null
fi
psql -U postgres -h /var/run/postgresql -Atqc 'select 1' >/dev/null
