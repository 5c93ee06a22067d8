#!/bin/sh
# Sets up the Temporal server of docker-compose.yml, from the temporalio/admin-tools image:
#   schema     creates the temporal and temporal_visibility databases and brings both schemas to the
#              versions this admin-tools image ships (run before the server starts)
#   namespace  creates the namespace TEMPORAL_NAMESPACE (default: default) once the server answers
# Both are safe to repeat, and run on every `docker compose up`: an existing database, schema version or
# namespace is left as it is, so after an image upgrade `schema` applies only the new schema versions.
set -eu

schema() {
  for store in temporal:temporal visibility:temporal_visibility; do
    dir=${store%%:*}
    db=${store#*:}
    # SQL_PASSWORD comes from the environment, so the password is not on the command line.
    set -- --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "${DB_PORT:-5432}" -u "$POSTGRES_USER" --db "$db"
    temporal-sql-tool "$@" create
    temporal-sql-tool "$@" setup-schema -v 0.0
    temporal-sql-tool "$@" update-schema -d "/etc/temporal/schema/postgresql/v12/$dir/versioned"
  done
}

namespace() {
  name=${TEMPORAL_NAMESPACE:-default}
  attempt=1
  # The server's port opens before every service in it is ready; retry for about a minute.
  until temporal operator namespace describe --namespace "$name" >/dev/null 2>&1 ||
    temporal operator namespace create --namespace "$name"; do
    if [ "$attempt" -ge 30 ]; then
      echo "namespace $name: not created after $attempt attempts" >&2
      exit 1
    fi
    attempt=$((attempt + 1))
    sleep 2
  done
  echo "namespace $name: ready"
}

case "${1:-}" in
  schema) schema ;;
  namespace) namespace ;;
  *)
    echo "usage: $0 schema|namespace" >&2
    exit 2
    ;;
esac
