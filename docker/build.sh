#!/usr/bin/env bash
# Builds the KEDRec Docker image from this checkout: docker/build.sh [TAG]
# Needs a Docker engine (none runs on the project's CI machines; there, the image's test skips).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
tag="${1:-kedrec/neo4j:latest}"
version="$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$repo/pom.xml" | head -1)"

# Through the reactor (-am), so the plugin jar is this checkout's, never a stale one from ~/.m2. The docker module
# stages docker/target/context: this Dockerfile and plugins/ (APOC, the shaded plugin, the PyTorch natives).
(cd "$repo" && ./mvnw -B -ntp -q -Dfast -pl docker -am package)

context="$repo/docker/target/context"
ls "$context"/plugins/kedrec-plugin-*.jar >/dev/null
# The natives are linux-x86_64: on an arm64 host the image runs under emulation (--platform linux/amd64).
docker build --platform linux/amd64 --build-arg "NEO4J_VERSION=$version" -t "$tag" "$context"
echo "built $tag on neo4j:$version-community"
