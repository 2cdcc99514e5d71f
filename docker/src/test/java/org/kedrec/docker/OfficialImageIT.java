package org.kedrec.docker;

/**
 * {@link ImageContract} on the official {@code neo4j:<version>-community} image, the base users build on. Skipped,
 * saying why, where that image is neither present nor pullable (Docker Hub is unreachable on the project's build
 * machines; there {@link DockerImageIT} runs the same assertions on the local base).
 */
class OfficialImageIT extends ImageContract {
    @Override
    String image() throws Exception {
        return KedrecImage.onOfficialBase();
    }
}
