package org.kedrec.docker;

/**
 * {@link ImageContract} on the local base image ({@code docker/base/build-base.sh}: Debian bookworm from
 * debootstrap, OpenJDK 17, the Neo4j jars of {@code server/target/neo4j-dist/lib}, the official image's layout and
 * entrypoint behaviour), which builds where no registry is reachable. Skipped, saying why, where the base cannot be
 * built (not root, no debootstrap).
 */
class DockerImageIT extends ImageContract {
    @Override
    String image() throws Exception {
        return KedrecImage.onLocalBase();
    }
}
