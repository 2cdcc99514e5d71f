#!/bin/bash
# A stand-in for the official image's /startup/docker-entrypoint.sh (neo4j:5.26 community), reduced to what the
# KEDRec image, its compose file and its tests rely on, with the official behaviour kept:
#   - a mounted /conf replaces the image's conf files;
#   - a mounted /plugins becomes server.directories.plugins (unless NEO4J_server_directories_plugins is set), which
#     hides the jars in /var/lib/neo4j/plugins: docker/kedrec-entrypoint.sh, run before this, deals with that;
#   - NEO4J_AUTH=none turns authentication off, NEO4J_AUTH=neo4j/<password> sets the initial password;
#   - every other NEO4J_<setting> variable becomes a neo4j.conf line ('_' -> '.', '__' -> '_');
#   - Neo4j runs in the foreground as the user neo4j (uid 7474) when the container starts as root.
set -euo pipefail
if [ "${1:-neo4j}" != neo4j ]; then
    exec "$@"
fi
conf="$NEO4J_HOME/conf/neo4j.conf"

if [ -d /conf ]; then
    find "$NEO4J_HOME/conf" -mindepth 1 -maxdepth 1 -type f -delete
    find /conf -maxdepth 1 -type f -exec cp {} "$NEO4J_HOME/conf/" \;
fi
if [ -d /plugins ]; then
    : "${NEO4J_server_directories_plugins:=/plugins}"
    export NEO4J_server_directories_plugins
fi

auth="${NEO4J_AUTH:-}"
if [ "$auth" = none ]; then
    export NEO4J_dbms_security_auth__enabled=false
fi

# Replaces a setting's line, or appends it (server.jvm.additional may appear many times: always appended).
for variable in $(compgen -v NEO4J_ | LC_ALL=C sort); do
    case "$variable" in
        NEO4J_AUTH|NEO4J_PLUGINS|NEO4J_ACCEPT_LICENSE_AGREEMENT|NEO4J_DEBUG|NEO4J_EDITION|NEO4J_HOME|NEO4J_VERSION)
            continue ;;
    esac
    setting="$(sed -e 's/^NEO4J_//' -e 's/__/\x00/g' -e 's/_/./g' -e 's/\x00/_/g' <<<"$variable")"
    value="${!variable}"
    if [ "$setting" != server.jvm.additional ] && grep -q "^${setting//./\\.}=" "$conf"; then
        grep -v "^${setting//./\\.}=" "$conf" > "$conf.new" && cat "$conf.new" > "$conf" && rm "$conf.new"
    fi
    printf '%s=%s\n' "$setting" "$value" >> "$conf"
done

run_as_neo4j=()
if [ "$(id -u)" = 0 ]; then
    # Data, logs and the (possibly mounted) plugins folder belong to neo4j; a read-only mount is left alone.
    for dir in /data /logs; do
        [ -w "$dir" ] && chown -R neo4j:neo4j "$dir"
    done
    chown -R neo4j:neo4j "$NEO4J_HOME/conf" "$NEO4J_HOME/run"
    run_as_neo4j=(setpriv --reuid=neo4j --regid=neo4j --init-groups env HOME=/var/lib/neo4j)
fi
if [ -n "$auth" ] && [ "$auth" != none ]; then
    user="${auth%%/*}"
    password="${auth#*/}"
    if [ "$user" != neo4j ] || [ "$password" = "$auth" ]; then
        echo "Invalid value for NEO4J_AUTH: '$auth'. Use neo4j/<password> or none." >&2
        exit 1
    fi
    "${run_as_neo4j[@]}" neo4j-admin dbms set-initial-password "$password" >/dev/null
fi
exec "${run_as_neo4j[@]}" neo4j console
