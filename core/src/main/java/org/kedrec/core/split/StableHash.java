package org.kedrec.core.split;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-1 buckets: reproducible without a random generator, on any machine and in any language. The published
 * evaluation split ({@code eval/hetionet_CtD_split.tsv}) is exactly {@code bucket("DB00014|DOID:10283", 5) == 0}
 * for held-out pairs, and the other splits follow the same recipe with their own salt.
 */
public final class StableHash {
    private StableHash() {}

    /** The SHA-1 of {@code text} as an unsigned integer, modulo {@code buckets}. */
    public static int bucket(String text, int buckets) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest).mod(BigInteger.valueOf(buckets)).intValue();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
        }
    }
}
