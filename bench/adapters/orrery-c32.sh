#!/bin/sh
# orrery with 32 connections (global and per host; the kit's corpus is on
# one host) instead of the kit's 8: the concurrency orrery is built for.
ORRERY_CONNECTIONS=32
export ORRERY_CONNECTIONS
exec "$(dirname "$0")/orrery.sh" "$@"
