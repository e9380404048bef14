# Sourced by scripts/test.sh: make sure a local PostgreSQL server runs and a test role exists.
# Defines jixiao_postgres_url, which prints the URL the tests use.
jixiao_postgres_url() {
  echo "postgres://jixiao:jixiao-test@127.0.0.1:${JIXIAO_PG_PORT:-5432}/jixiao"
}
jixiao_start_postgres() {
  if [ -n "${JIXIAO_TEST_DATABASE_URL:-}" ]; then
    return 0  # the caller brought its own server
  fi
  if ! command -v pg_lsclusters >/dev/null; then
    echo "jixiao: PostgreSQL is not installed (apt-get install postgresql); the PostgreSQL tests will skip, or fail under CI=true" >&2
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "jixiao: not root: start PostgreSQL yourself and set JIXIAO_TEST_DATABASE_URL (the PostgreSQL tests skip without it, or fail under CI=true)" >&2
    return 0
  fi
  local ver
  ver=$(pg_lsclusters -h | awk 'NR==1{print $1}')
  if [ -z "$ver" ]; then
    ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
    pg_createcluster "$ver" main >/dev/null
  fi
  pg_ctlcluster "$ver" main start 2>/dev/null || true
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 && break
    sleep 0.5
  done
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='jixiao'\"" | grep -q 1 \
    || su postgres -c "psql -qc \"CREATE ROLE jixiao LOGIN CREATEDB PASSWORD 'jixiao-test'\""
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='jixiao'\"" | grep -q 1 \
    || su postgres -c "createdb -O jixiao jixiao"
  export JIXIAO_TEST_DATABASE_URL
  JIXIAO_TEST_DATABASE_URL=$(jixiao_postgres_url)
}
jixiao_start_postgres
