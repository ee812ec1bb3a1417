package dev.workbench.core.async;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Who holds a batch's lease: one {@link AsyncRoundTrip} of one process on one host. Its {@link #id()} is written
 * into the journal and into the input object's metadata, and names its registration object in S3. Whether it is
 * still alive is known locally for this JVM and for processes on this host; for other hosts only its
 * registration's heartbeat tells.
 */
record Participant(String host, long pid, long startMillis, String nonce) {
    /** The round trips open in this JVM (a closed one is as dead as a killed process). */
    private static final Set<String> OPEN = ConcurrentHashMap.newKeySet();
    /** Overrides the host name in participant ids: runs one process as if it were on a machine of its own. */
    static final String HOST_PROPERTY = "workbench.participant.host";
    private static final String HOST = localHost();

    static Participant create() {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
        String nonce = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        Participant p = new Participant(HOST, self.pid(), start, nonce);
        OPEN.add(p.id());
        return p;
    }

    void closed() {
        OPEN.remove(id());
    }

    /** {@code host.pid.start.nonce}: safe in an S3 key and in object metadata. */
    String id() {
        return host + "." + pid + "." + startMillis + "." + nonce;
    }

    static @Nullable Participant parse(@Nullable String id) {
        if (id == null) {
            return null;
        }
        String[] parts = id.split("\\.");
        if (parts.length != 4) {
            return null;
        }
        try {
            return new Participant(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]), parts[3]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Alive or dead when that can be told without S3 (this JVM, or a process on this host, whose start time
     * guards against a reused pid); empty for another host.
     */
    Optional<Boolean> knownAlive() {
        if (!host.equals(HOST)) {
            return Optional.empty();
        }
        ProcessHandle self = ProcessHandle.current();
        if (pid == self.pid()) {
            return Optional.of(OPEN.contains(id()));
        }
        Optional<ProcessHandle> other = ProcessHandle.of(pid);
        if (other.isEmpty() || !other.get().isAlive()) {
            return Optional.of(false);
        }
        long start = other.get().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
        return Optional.of(start == 0 || startMillis == 0 || start == startMillis);
    }

    private static String localHost() {
        String name = System.getProperty(HOST_PROPERTY);
        if (name != null && !name.isBlank()) {
            return name.replaceAll("[^A-Za-z0-9-]", "-");
        }
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            name = String.valueOf(System.getenv("HOSTNAME"));
        }
        String safe = name.replaceAll("[^A-Za-z0-9-]", "-");
        return safe.isEmpty() ? "host" : safe;
    }
}
