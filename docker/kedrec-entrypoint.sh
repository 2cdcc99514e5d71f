#!/bin/bash
# Runs before the image's own /startup/docker-entrypoint.sh. That entrypoint switches server.directories.plugins to
# /plugins when a folder is mounted there, and Neo4j then never sees the jars baked into /var/lib/neo4j/plugins.
# So: when /plugins is mounted (and NEO4J_server_directories_plugins does not choose otherwise), install the baked
# jars into it (the folder Neo4j will use), unless it already holds them; refuse with a clear message when it holds
# another version of one of them (Neo4j would load both) or is read-only and lacks them.
set -euo pipefail
baked=/var/lib/neo4j/plugins
if [ "${1:-neo4j}" = neo4j ] && [ -d /plugins ] && [ -z "${NEO4J_server_directories_plugins:-}" ]; then
    missing=()
    for jar in "$baked"/*.jar; do
        name="$(basename "$jar")"
        [ -e "/plugins/$name" ] && continue
        # apoc-core-5.26.18.jar -> apoc-core: the artifact, whatever its version.
        artifact="$(sed 's/-[0-9].*//' <<<"$name")"
        for other in /plugins/"$artifact"-[0-9]*.jar; do
            if [ -e "$other" ]; then
                echo "KEDRec: /plugins holds $(basename "$other") but this image ships $name; Neo4j would load" \
                    "both. Remove $(basename "$other") from the folder mounted at /plugins (the image copies $name" \
                    "there itself), or do not mount /plugins." >&2
                exit 1
            fi
        done
        missing+=("$jar")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        if [ ! -w /plugins ]; then
            echo "KEDRec: /plugins is mounted read-only and lacks $(for j in "${missing[@]}"; do basename "$j"; done \
                | paste -sd ' ' -): Neo4j loads plugins only from /plugins once it is mounted, so the jars baked into" \
                "$baked would be ignored. Mount /plugins writable (the image copies them in), copy them there" \
                "yourself (docker cp or docker/target/context/plugins), or do not mount /plugins." >&2
            exit 1
        fi
        cp "${missing[@]}" /plugins/
        echo "KEDRec: /plugins is mounted, so Neo4j loads plugins from there: copied" \
            "$(for j in "${missing[@]}"; do basename "$j"; done | paste -sd ' ' -) into it." >&2
    fi
fi
exec /startup/docker-entrypoint.sh "$@"
