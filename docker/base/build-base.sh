#!/usr/bin/env bash
# Builds a stand-in for the official neo4j:<version>-community image where Docker Hub cannot be reached, from
# Debian packages and Maven jars only: docker/base/build-base.sh NEO4J_DIST_LIB_DIR [TAG]
#
# One root file system, imported with one `docker import` (TAG, default kedrec/neo4j-local:<version>-community):
# Debian bookworm from debootstrap (minbase, openjdk-17-jre-headless, tini; needs root and debootstrap), the Neo4j
# jars the server module assembles (server/target/neo4j-dist/lib) and docker/base/docker-entrypoint.sh, laid out as
# the official image is: NEO4J_HOME=/var/lib/neo4j, /data, /logs, user neo4j (uid 7474), tini as entrypoint, CMD
# neo4j. The layout is made in the root file system before the import, not by a Dockerfile on top of it: with the
# vfs storage driver (the one that works on these machines) every build step copies the whole file system three
# times (the step's container, its init layer, the committed layer), which took 5-6 minutes on the loaded machine
# for the three steps the layout needed; the import writes it once.
#
# Packages already in the host's apt cache (KEDREC_APT_CACHE, default /var/cache/apt/archives) are taken from there
# when their checksum matches the mirror's; the rest are downloaded. The image carries a label with a hash of its
# inputs (this script, the entrypoint, the jars) and is rebuilt only when they changed. Prints the tag.
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
apt_cache="${KEDREC_APT_CACHE:-/var/cache/apt/archives}"

label() { docker image inspect --format "{{ index .Config.Labels \"org.kedrec.inputs\" }}" "$1" 2>/dev/null || true; }

# Contents only (not paths): the same inputs in another checkout give the same hash.
hash="$(
    { printf '%s\n' "$suite" "$packages"; sha256sum < "$here/build-base.sh"; sha256sum < "$here/docker-entrypoint.sh";
      (cd "$lib" && ls | LC_ALL=C sort | xargs sha256sum); } | sha256sum | cut -c1-16)"
if [ "$(label "$tag")" = "$hash" ]; then
    echo "$tag"
    exit 0
fi
command -v debootstrap >/dev/null || { echo "build-base.sh: debootstrap is missing (apt-get install -y" \
    "debootstrap)." >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "build-base.sh: debootstrap needs root." >&2; exit 2; }

work="$(mktemp -d /tmp/kedrec-base.XXXXXX)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
debs="$work/debs"
mkdir -p "$rootfs" "$debs"
# The archive's "." becomes the image's /: mktemp's 0700 there (the rootfs was once mktemp's own folder) left / unreadable
# to the neo4j user, and every start failed with "libc.so.6: cannot open shared object file: Permission denied".
chmod 755 "$rootfs"
# Hard links into a cache of our own: debootstrap deletes a cached .deb whose checksum does not match, and must not
# delete the host's.
if [ -d "$apt_cache" ]; then
    find "$apt_cache" -maxdepth 1 -name '*.deb' -exec ln -t "$debs" {} + 2>/dev/null \
        || find "$apt_cache" -maxdepth 1 -name '*.deb' -exec cp -t "$debs" {} +
fi
echo "build-base.sh: debootstrap $suite ($packages) from $mirror, $(ls "$debs" | wc -l) cached packages ..." >&2
debootstrap --variant=minbase --cache-dir="$debs" --include="$packages" "$suite" "$rootfs" "$mirror" >&2

# What the image does not need at run time: apt's package cache and lists, documentation (copyright notices
# kept), man pages, translations. Fewer files also make every vfs copy of the image cheaper.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* "$rootfs"/var/log/*
find "$rootfs"/usr/share/doc -type f ! -name copyright -delete

# Neo4j's layout, made inside the root file system (chroot: its absolute links resolve there, not on this host).
mkdir -p "$rootfs"/var/lib/neo4j "$rootfs"/startup
cp -r "$lib" "$rootfs"/var/lib/neo4j/lib
cp "$here/docker-entrypoint.sh" "$rootfs"/startup/docker-entrypoint.sh
# The JVM flags are those of Neo4j's tarball neo4j.conf (server/.../Neo4jConf.NEO4J_JVM_FLAGS).
chroot "$rootfs" /bin/sh -euc '
    groupadd --system --gid 7474 neo4j
    useradd --system --uid 7474 --gid neo4j --home-dir /var/lib/neo4j --shell /bin/bash neo4j
    mkdir -p /var/lib/neo4j/bin /var/lib/neo4j/conf /var/lib/neo4j/plugins /var/lib/neo4j/import \
        /var/lib/neo4j/run /data /logs
    ln -s /data /var/lib/neo4j/data
    ln -s /logs /var/lib/neo4j/logs
    printf "#!/bin/sh\nexec java -cp \"\$NEO4J_HOME/lib/*\" org.neo4j.server.startup.Neo4jCommand \"\$@\"\n" \
        > /var/lib/neo4j/bin/neo4j
    printf "#!/bin/sh\nexec java -cp \"\$NEO4J_HOME/lib/*\" org.neo4j.server.startup.Neo4jAdminCommand \"\$@\"\n" \
        > /var/lib/neo4j/bin/neo4j-admin
    printf "%s\n" \
        server.default_listen_address=0.0.0.0 \
        server.directories.import=/var/lib/neo4j/import \
        server.jvm.additional=-XX:+UseG1GC \
        server.jvm.additional=-XX:-OmitStackTraceInFastThrow \
        server.jvm.additional=-XX:+UnlockExperimentalVMOptions \
        server.jvm.additional=-XX:+TrustFinalNonStaticFields \
        server.jvm.additional=-XX:+DisableExplicitGC \
        server.jvm.additional=-Djdk.nio.maxCachedBufferSize=1024 \
        server.jvm.additional=-Dio.netty.tryReflectionSetAccessible=true \
        server.jvm.additional=-Djdk.tls.ephemeralDHKeySize=2048 \
        server.jvm.additional=-Djdk.tls.rejectClientInitiatedRenegotiation=true \
        server.jvm.additional=--add-opens=java.base/java.nio=ALL-UNNAMED \
        server.jvm.additional=--add-opens=java.base/java.io=ALL-UNNAMED \
        server.jvm.additional=--add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
        server.jvm.additional=--enable-native-access=ALL-UNNAMED \
        server.jvm.additional=-Dlog4j2.disable.jmx=true \
        > /var/lib/neo4j/conf/neo4j.conf
    chmod +x /var/lib/neo4j/bin/* /startup/docker-entrypoint.sh
    chown -R neo4j:neo4j /var/lib/neo4j /data /logs
'
tar -C "$rootfs" -c . | docker import \
    --change "LABEL org.kedrec.inputs=$hash" \
    --change "ENV LANG=C.UTF-8 JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 NEO4J_HOME=/var/lib/neo4j \
NEO4J_EDITION=community NEO4J_VERSION=$version \
PATH=/var/lib/neo4j/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change 'WORKDIR /var/lib/neo4j' \
    --change 'VOLUME ["/data", "/logs"]' \
    --change 'EXPOSE 7474 7473 7687' \
    --change 'ENTRYPOINT ["tini", "-g", "--", "/startup/docker-entrypoint.sh"]' \
    --change 'CMD ["neo4j"]' \
    - "$tag" >&2
echo "$tag"
