#!/usr/bin/env bash
# Builds the KEDRec Docker image from this checkout: docker/build.sh [TAG]
# Needs a Docker engine (none runs on the project's CI machines; there, the image's test skips).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
tag="${1:-kedrec/neo4j:latest}"
version="$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$repo/pom.xml" | head -1)"

(cd "$repo" && ./mvnw -B -ntp -q -Dfast -pl server -am package)

context="$repo/docker/target/context"
rm -rf "$context" && mkdir -p "$context/plugins"
cp "$here/Dockerfile" "$context/"
cp "$repo"/server/target/neo4j-dist/plugins/*.jar "$context/plugins/"
docker build --build-arg "NEO4J_VERSION=$version" -t "$tag" "$context"
echo "built $tag on neo4j:$version"
