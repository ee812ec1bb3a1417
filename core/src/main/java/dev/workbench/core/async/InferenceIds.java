package dev.workbench.core.async;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * InferenceIds derived from what is inferred, so a re-run of the same inference finds the batches an earlier
 * run submitted, and runs over overlapping inputs find each other's batches. The content key hashes the
 * endpoint, the batch's place ({@link BatchPlaces}: it keeps equal batches of one input apart without naming
 * their row position) and its CSV; the InferenceId adds the generation, bumped when the same content is
 * invoked afresh after an earlier run collected it.
 */
final class InferenceIds {
    private InferenceIds() {}

    static String contentKey(String endpointName, String place, String csv) {
        MessageDigest sha = sha256();
        sha.update(endpointName.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(place.getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) 0);
        sha.update(csv.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** {@code wb-<32 hex>}: 35 characters, within InferenceId's 64. */
    static String inferenceId(String contentKey, int generation) {
        MessageDigest sha = sha256();
        sha.update(contentKey.getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) 0);
        sha.update(Integer.toString(generation).getBytes(StandardCharsets.US_ASCII));
        return "wb-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
