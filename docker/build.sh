#!/usr/bin/env bash
# Builds the KEDRec Docker image from this checkout: docker/build.sh [--local-base] [REPOSITORY]
# Tags it twice: REPOSITORY:<project version> and REPOSITORY:latest (REPOSITORY defaults to kedrec/neo4j).
# The base is the official neo4j:<version>-community image; with --local-base (where Docker Hub cannot be reached)
# it is the stand-in docker/base/build-base.sh builds from Debian packages and Neo4j's Maven jars (root, debootstrap).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
local_base=no
if [ "${1:-}" = --local-base ]; then
    local_base=yes
    shift
fi
repository="${1:-kedrec/neo4j}"
version="$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$repo/pom.xml" | head -1)"
project="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$repo/pom.xml" | head -1)"

# Through the reactor (-am), so the plugin jar is this checkout's, never a stale one from ~/.m2. The docker module
# stages docker/target/context: the Dockerfile, its two scripts and plugins/ (APOC, the shaded plugin, the natives).
(cd "$repo" && ./mvnw -B -ntp -q -Dfast -pl docker -am package)

context="$here/target/context"
ls "$context"/plugins/kedrec-plugin-*.jar >/dev/null
base="neo4j:$version-community"
if [ "$local_base" = yes ]; then
    base="$("$here/base/build-base.sh" "$repo/server/target/neo4j-dist/lib")"
fi
# The natives are linux-x86_64: on an arm64 host the image runs under emulation (--platform linux/amd64).
docker build --platform linux/amd64 --build-arg "NEO4J_VERSION=$version" --build-arg "BASE=$base" \
    -t "$repository:$project" -t "$repository:latest" "$context"
echo "built $repository:$project and $repository:latest on $base"
