#!/usr/bin/env bash
# Installs what Sluice's tests and demo need on a Debian machine with JDK 17 and Maven:
# MariaDB 10.11, Redis 7, PostgreSQL and RabbitMQ server binaries (not started as services).
# Safe to run twice: it only installs what is missing.
set -euo pipefail

need=()
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need+=(rabbitmq-server)

if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need[*]}"
  $sudo apt-get update -qq
  # The packages' own services are not needed: tests and the demo start private servers.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
echo "setup: mariadbd, redis-server, postgres and rabbitmq-server are present"
