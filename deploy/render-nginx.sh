#!/usr/bin/env bash
# Renders deploy/nginx-site.conf.template for a set of replicas.
#
#   deploy/render-nginx.sh --upstream 127.0.0.1:8081 --upstream 127.0.0.1:8082 \
#       [--listen 8088] [--path /telegram/webhook] [--log-dir /var/log/nginx] \
#       [--max-fails 2] [--fail-timeout 10s] [--tls CERT KEY] [--standalone PREFIX] [--workers auto]
#
# Prints the site file (for /etc/nginx/sites-available/) on stdout. With --standalone PREFIX it prints
# a complete nginx.conf instead, with the pid file, logs and temp files under PREFIX (which must
# exist), for `nginx -p PREFIX -c PREFIX/nginx.conf -e PREFIX/error.log` (tests, trials, no root).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
listen=8088
path=/telegram/webhook
log_dir=/var/log/nginx
max_fails=2
fail_timeout=10s
standalone=""
workers=auto
tls=""
upstreams=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --upstream) upstreams+=("$2"); shift 2 ;;
    --listen) listen="$2"; shift 2 ;;
    --path) path="$2"; shift 2 ;;
    --log-dir) log_dir="$2"; shift 2 ;;
    --max-fails) max_fails="$2"; shift 2 ;;
    --fail-timeout) fail_timeout="$2"; shift 2 ;;
    --standalone) standalone="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --tls) tls="    ssl_certificate     $2;"$'\n'"    ssl_certificate_key $3;"; shift 3 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "render-nginx.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [[ ${#upstreams[@]} -eq 0 ]]; then
  echo "render-nginx.sh: give at least one --upstream host:port (one per replica)" >&2
  exit 2
fi
if [[ "$path" != /* ]]; then
  echo "render-nginx.sh: --path must start with / (the path of BOT_WEBHOOK_URL)" >&2
  exit 2
fi
[[ -n "$standalone" ]] && log_dir="$standalone"
[[ -n "$tls" ]] && listen="$listen ssl"

servers=""
for u in "${upstreams[@]}"; do
  servers+="    server ${u} max_fails=${max_fails} fail_timeout=${fail_timeout};"$'\n'
done
servers="${servers%$'\n'}"

# The template's leading comment block (up to the first blank line) documents the placeholders.
site="# Rendered by deploy/render-nginx.sh from deploy/nginx-site.conf.template."$'\n'"$(sed '1,/^$/d' "$here/nginx-site.conf.template")"
site="${site//@LISTEN@/$listen}"
site="${site//@WEBHOOK_PATH@/$path}"
site="${site//@LOG_DIR@/$log_dir}"
site="${site//@UPSTREAMS@/$servers}"
site="${site//@TLS@/$tls}"

if [[ -z "$standalone" ]]; then
  printf '%s\n' "$site"
  exit 0
fi
cat <<CONF
# Standalone nginx.conf rendered by deploy/render-nginx.sh (everything under $standalone).
worker_processes $workers;
pid $standalone/nginx.pid;
error_log $standalone/error.log warn;
events {
    worker_connections 1024;
}
http {
    client_body_temp_path $standalone/client_body_temp;
    proxy_temp_path $standalone/proxy_temp;
    fastcgi_temp_path $standalone/fastcgi_temp;
    uwsgi_temp_path $standalone/uwsgi_temp;
    scgi_temp_path $standalone/scgi_temp;
$(printf '%s\n' "$site" | sed 's/^/    /')
}
CONF
