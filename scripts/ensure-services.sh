#!/usr/bin/env bash
# Makes sure what the tests and the demo need is on this machine and running: Node
# dependencies, Redis, PostgreSQL (when asked for) and Chromium (when asked for).
# Installs missing system packages with apt-get (Debian) and starts stopped services.
# Usage: scripts/ensure-services.sh [redis] [postgresql] [chromium]
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[ensure] %s\n' "$*"; }
apt_updated=""
apt_install() {
  if ! command -v apt-get >/dev/null; then
    log "cannot install $* automatically (no apt-get): install it and rerun"; exit 1
  fi
  if [ -z "$apt_updated" ]; then apt-get update -qq >/dev/null; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() {
  for _ in $(seq 1 50); do port_open "$1" && return 0; sleep 0.2; done
  log "service on port $1 did not come up"; exit 1
}

ensure_node_modules() {
  # A linked node_modules is another checkout's install: npm ci here would replace it for both.
  if [ -L node_modules ]; then return 0; fi
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm dependencies"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

ensure_redis() {
  port_open 6379 && return 0
  command -v redis-server >/dev/null || { log "installing redis-server"; apt_install redis-server; }
  log "starting Redis on 127.0.0.1:6379"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --maxmemory-policy noeviction --dir /var/lib/redis --logfile /var/log/redis/candor.log
  wait_port 6379
}

ensure_postgresql() {
  port_open 5432 && return 0
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    log "installing PostgreSQL"; apt_install postgresql
  fi
  local version; version=$(ls /etc/postgresql | sort -V | tail -n 1)
  log "starting PostgreSQL $version on 127.0.0.1:5432"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_port 5432
  # A fresh cluster authenticates TCP clients by password: give the test role one.
  su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null 2>&1 || true
}

ensure_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  log "installing Chromium (Debian package)"
  apt_install chromium fonts-liberation
}

ensure_node_modules
for service in "$@"; do
  case "$service" in
    redis) ensure_redis ;;
    postgresql) ensure_postgresql ;;
    chromium) ensure_chromium ;;
    *) log "unknown service $service"; exit 2 ;;
  esac
done
