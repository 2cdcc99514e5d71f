#!/bin/bash
# Healthy once Neo4j answers on its HTTP port (the discovery document needs no credentials). Only bash: neither
# curl nor wget is in every base image. KEDREC_HEALTH_PORT if the HTTP connector listens elsewhere.
exec 3<>"/dev/tcp/127.0.0.1/${KEDREC_HEALTH_PORT:-7474}" || exit 1
printf 'GET / HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 5 status <&3 && [[ "$status" == *" 200 "* ]]
