package org.kedrec.importer.dataset;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * One random stream per (seed, purpose, pair): a choice made for one positive never depends on how many
 * positives came before it, on batching or on threads, so a build is byte-identical for a seed and a
 * {@code --disease} subset makes the same choices as the full build.
 */
final class Seeds {
    private Seeds() {}

    static SplittableRandom random(long seed, String purpose, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((purpose + "|" + key).getBytes(StandardCharsets.UTF_8));
            long mixed = ByteBuffer.wrap(digest).getLong() ^ (seed * 0x9E3779B97F4A7C15L);
            return new SplittableRandom(mixed);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
        }
    }
}
