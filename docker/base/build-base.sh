#!/usr/bin/env bash
# Builds a stand-in for the official neo4j:<version>-community image where Docker Hub cannot be reached, from
# Debian packages and Maven jars only: docker/base/build-base.sh NEO4J_DIST_LIB_DIR [TAG]
#
#   1. kedrec/debian-jre17:<hash>  a Debian bookworm root file system (debootstrap, minbase) with
#      openjdk-17-jre-headless and tini, imported with `docker import` (needs root and debootstrap; minutes).
#   2. TAG (default kedrec/neo4j-local:<version>-community)  that runtime plus the Neo4j jars the server module
#      assembles (server/target/neo4j-dist/lib) and docker/base/docker-entrypoint.sh, laid out as the official image
#      is: NEO4J_HOME=/var/lib/neo4j, /data, /logs, user neo4j (uid 7474), tini as entrypoint, CMD neo4j.
#
# Each stage carries a label with a hash of its inputs and is rebuilt only when they changed. Prints the tag.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
lib="$(cd "${1:?usage: build-base.sh NEO4J_DIST_LIB_DIR [TAG]}" && pwd)"
version="$(ls "$lib" | sed -n 's/^neo4j-kernel-\([0-9.]*\)\.jar$/\1/p')"
[ -n "$version" ] || { echo "build-base.sh: no neo4j-kernel-<version>.jar in $lib: build the server module first" \
    "(./mvnw -B -ntp -Dfast -pl server -am package)." >&2; exit 2; }
tag="${2:-kedrec/neo4j-local:$version-community}"
suite=bookworm
mirror="${KEDREC_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
packages=openjdk-17-jre-headless,tini

label() { docker image inspect --format "{{ index .Config.Labels \"org.kedrec.inputs\" }}" "$1" 2>/dev/null || true; }

# recipe-N: raise N when the debootstrap steps below change (the script itself is not hashed, so comments are free).
runtime_hash="$(printf '%s\n' "$suite" "$packages" "recipe-1" \
    | sha256sum | cut -c1-16)"
runtime="kedrec/debian-jre17:$runtime_hash"
if [ "$(label "$runtime")" != "$runtime_hash" ]; then
    command -v debootstrap >/dev/null || { echo "build-base.sh: debootstrap is missing (apt-get install -y" \
        "debootstrap)." >&2; exit 2; }
    [ "$(id -u)" = 0 ] || { echo "build-base.sh: debootstrap needs root." >&2; exit 2; }
    rootfs="$(mktemp -d /tmp/kedrec-rootfs.XXXXXX)"
    trap 'rm -rf "$rootfs"' EXIT
    echo "build-base.sh: debootstrap $suite ($packages) from $mirror ..." >&2
    debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs" "$mirror" >&2
    # Keep the image small: apt's package cache and lists are not needed at run time.
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -c . | docker import \
        --change "LABEL org.kedrec.inputs=$runtime_hash" \
        --change 'ENV LANG=C.UTF-8 JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
        --change 'CMD ["/bin/bash"]' - "$runtime" >&2
    rm -rf "$rootfs"
    trap - EXIT
fi

base_hash="$(
    { echo "$runtime_hash"; (cd "$lib" && ls | LC_ALL=C sort | xargs sha256sum);
      sha256sum "$here/Dockerfile" "$here/docker-entrypoint.sh"; } | sha256sum | cut -c1-16)"
if [ "$(label "$tag")" != "$base_hash" ]; then
    context="$(mktemp -d /tmp/kedrec-base-context.XXXXXX)"
    trap 'rm -rf "$context"' EXIT
    cp "$here/Dockerfile" "$here/docker-entrypoint.sh" "$context/"
    # Hard links when on the same file system: 130 MB of jars need not be copied.
    cp -rl "$lib" "$context/lib" 2>/dev/null || cp -r "$lib" "$context/lib"
    docker build -q --build-arg "RUNTIME=$runtime" --build-arg "NEO4J_VERSION=$version" \
        --label "org.kedrec.inputs=$base_hash" -t "$tag" "$context" >&2
    rm -rf "$context"
    trap - EXIT
fi
echo "$tag"
