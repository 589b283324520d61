#!/usr/bin/env bash
# Runs bot replicas in webhook mode behind nginx: one process per port, each
# `node bin/start.mjs` (what `npm start` runs, as a single process, so SIGTERM reaches the bot; it
# builds dist/ once when the sources changed), sharing INDEX_DIR (opened read-only: INDEX_READ_ONLY=true) and REDIS_URL.
#
#   deploy/start-replicas.sh start  [--ports 8081,8082] [--run-dir run]
#   deploy/start-replicas.sh stop   [--run-dir run]   # SIGTERM: answers in flight finish first
#   deploy/start-replicas.sh status [--run-dir run]
#
# `start` needs TELEGRAM_BOT_TOKEN, BOT_WEBHOOK_URL (the public https URL nginx serves),
# BOT_WEBHOOK_SECRET, REDIS_URL and INDEX_DIR (built beforehand by `npm run ingest`), from the
# environment or the project's .env. Replicas open the index read-only unless INDEX_READ_ONLY=false is exported
# (then admin uploads and /reindex work on any replica: one writes at a time, all follow the new generation).
# Replica <port> listens on 127.0.0.1:<port>, writes
# RUN_DIR/replica-<port>.log and .pid (RUN_DIR relative to the project directory), and counts as
# started once GET /healthz answers 200.
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
root="$(dirname "$(dirname "$self")")"
cd "$root"
command="${1:-}"
[[ $# -gt 0 ]] && shift
ports=8081,8082
run_dir=run
while [[ $# -gt 0 ]]; do
  case "$1" in
    --ports) ports="$2"; shift 2 ;;
    --run-dir) run_dir="$2"; shift 2 ;;
    *) echo "start-replicas.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$run_dir"

has_setting() {
  [[ -n "${!1:-}" ]] || { [[ -f .env ]] && grep -Eq "^$1=.+" .env; }
}

healthy() {
  node -e "fetch('http://127.0.0.1:$1/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
}

start() {
  local missing=()
  for name in TELEGRAM_BOT_TOKEN BOT_WEBHOOK_URL BOT_WEBHOOK_SECRET REDIS_URL INDEX_DIR; do
    has_setting "$name" || missing+=("$name")
  done
  if [[ ${#missing[@]} -gt 0 ]]; then
    echo "start-replicas.sh: set ${missing[*]} (environment or .env); see deploy/README.md" >&2
    exit 2
  fi
  local started=()
  IFS=, read -ra list <<<"$ports"
  for port in "${list[@]}"; do
    local pidfile="$run_dir/replica-$port.pid"
    if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "replica $port already running (pid $(cat "$pidfile"))"
      continue
    fi
    INDEX_READ_ONLY="${INDEX_READ_ONLY:-true}" BOT_WEBHOOK_HOST=127.0.0.1 BOT_WEBHOOK_PORT="$port" \
      nohup node --max-semi-space-size=8 --heap-growing-percent=20 bin/start.mjs >>"$run_dir/replica-$port.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
    started+=("$port")
  done
  for port in "${started[@]}"; do
    local pid
    pid="$(cat "$run_dir/replica-$port.pid")"
    for _ in $(seq 1 600); do
      if ! kill -0 "$pid" 2>/dev/null; then
        echo "replica $port exited during start; last lines of $run_dir/replica-$port.log:" >&2
        tail -n 20 "$run_dir/replica-$port.log" >&2
        exit 1
      fi
      healthy "$port" && break
      sleep 0.1
    done
    healthy "$port" || { echo "replica $port did not become healthy in 60 s (see $run_dir/replica-$port.log)" >&2; exit 1; }
    echo "replica $port running (pid $pid)"
  done
}

stop() {
  shopt -s nullglob
  local pidfile pid
  for pidfile in "$run_dir"/replica-*.pid; do
    pid="$(cat "$pidfile")"
    if kill -TERM "$pid" 2>/dev/null; then
      for _ in $(seq 1 400); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then
        echo "$(basename "$pidfile" .pid) still running after 40 s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
    rm -f "$pidfile"
    echo "$(basename "$pidfile" .pid) stopped"
  done
}

status() {
  shopt -s nullglob
  local pidfile port
  for pidfile in "$run_dir"/replica-*.pid; do
    port="$(basename "$pidfile" .pid)"; port="${port#replica-}"
    if kill -0 "$(cat "$pidfile")" 2>/dev/null && healthy "$port"; then echo "replica $port healthy"; else echo "replica $port down"; fi
  done
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) sed -n '2,15p' "$self"; exit 2 ;;
esac
