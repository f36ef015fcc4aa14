#!/usr/bin/env bash
# Container HEALTHCHECK: exits 0 when http://127.0.0.1:<port><path> answers 200, else 1.
# Plain bash (/dev/tcp), because not every base image has curl or wget.
#   bash ready.sh [port, default 8080] [path, default /health/ready]
port="${1:-8080}"
path="${2:-/health/ready}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 10 status <&3 || exit 1
case "$status" in
  "HTTP/"*" 200"*) exit 0 ;;
  *) exit 1 ;;
esac
