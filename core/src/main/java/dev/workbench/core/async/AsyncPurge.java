package dev.workbench.core.async;

import dev.workbench.api.PurgeOptions;
import dev.workbench.api.PurgeResult;
import dev.workbench.api.WorkbenchException;
import dev.workbench.core.journal.Journal;
import dev.workbench.core.journal.JournalEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Deletes the S3 objects of async batches nobody waits for. A batch is abandoned when the journal holds it as open
 * and neither its journal owner nor the participant named in its input object's metadata (a process that took the
 * lease over) is alive: alive as {@link Participant#knownAlive()} tells for this host, else by a registration under
 * {@code async-runs/} written within {@link Coordinator#FORGET} (what the coordinator itself waits before treating a
 * silent participant as gone). Its input, and the output or failure already written, go; its journal entry is marked
 * cancelled so a re-run invokes it afresh instead of waiting for objects that are gone.
 *
 * <p>A participant that adopts a batch between this look and the delete loses it (its batch then fails and is
 * retried like any failed batch); purging is an operator's command, not part of the protocol.
 */
public final class AsyncPurge {
    private static final int MAX_KEYS = 1_000;

    private final S3Client s3;
    private final String bucket;
    private final Path journalFile;

    public AsyncPurge(S3Client s3, String bucket, Path journalFile) {
        this.s3 = s3;
        this.bucket = bucket;
        this.journalFile = journalFile;
    }

    public static String inputPrefix(String endpoint) {
        return "endpoints/" + endpoint + "/async-input/";
    }

    public PurgeResult purge(String endpoint, PurgeOptions options) {
        String prefix = inputPrefix(endpoint);
        Map<S3Location, Long> targets = new LinkedHashMap<>();
        Map<String, Long> queued = new LinkedHashMap<>();
        for (S3Object o : list(prefix)) {
            queued.put(o.key(), o.size());
        }
        if (options.all()) {
            queued.forEach((key, size) -> targets.put(new S3Location(bucket, key), size));
        }
        List<String> abandoned = new ArrayList<>();
        if (Files.exists(journalFile)) {
            try (Journal journal = Journal.open(journalFile)) {
                Map<String, Instant> registered = registrations(endpoint);
                for (JournalEntry e : journal.open(endpoint)) {
                    if (alive(e.owner(), registered)) {
                        continue;
                    }
                    S3Location input = S3Location.parse(e.inputLocation());
                    HeadObjectResponse head = head(input);
                    if (head != null && alive(head.metadata().get(AsyncJobRun.OWNER_METADATA), registered)) {
                        continue; // taken over by a live process that has not journaled it here
                    }
                    abandoned.add(e.inferenceId());
                    if (head != null) {
                        targets.put(input, head.contentLength());
                    }
                    for (String written : new String[] {e.outputLocation(), e.failureLocation()}) {
                        if (written != null) {
                            S3Location at = S3Location.parse(written);
                            HeadObjectResponse h = head(at);
                            if (h != null) {
                                targets.put(at, h.contentLength());
                            }
                        }
                    }
                }
                if (!options.dryRun()) {
                    delete(targets.keySet());
                    journal.cancelled(abandoned);
                }
            }
        } else if (!options.dryRun()) {
            delete(targets.keySet());
        }
        long bytes = targets.values().stream().mapToLong(Long::longValue).sum();
        return new PurgeResult(endpoint, "s3://" + bucket + "/" + prefix, abandoned.size(), targets.size(), bytes,
                options.dryRun());
    }

    /** The coordinator's registrations on the endpoint, by participant id. */
    private Map<String, Instant> registrations(String endpoint) {
        String runs = "endpoints/" + endpoint + "/async-runs/";
        Map<String, Instant> out = new LinkedHashMap<>();
        for (S3Object o : list(runs)) {
            out.put(o.key().substring(runs.length()), o.lastModified());
        }
        return out;
    }

    private static boolean alive(@Nullable String owner, Map<String, Instant> registered) {
        Participant p = Participant.parse(owner);
        if (p == null) {
            return false;
        }
        var known = p.knownAlive();
        if (known.isPresent()) {
            return known.get();
        }
        Instant at = registered.get(p.id());
        return at != null && at.isAfter(Instant.now().minus(Coordinator.FORGET));
    }

    private @Nullable HeadObjectResponse head(S3Location at) {
        try {
            return s3.headObject(b -> b.bucket(at.bucket()).key(at.key()));
        } catch (NoSuchKeyException gone) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw new WorkbenchException("Cannot look at " + at + ": " + e.getMessage(), e);
        }
    }

    private List<S3Object> list(String prefix) {
        List<S3Object> out = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().forEach(out::add);
        return out;
    }

    private void delete(Iterable<S3Location> locations) {
        Map<String, List<String>> byBucket = new LinkedHashMap<>();
        for (S3Location l : locations) {
            byBucket.computeIfAbsent(l.bucket(), k -> new ArrayList<>()).add(l.key());
        }
        byBucket.forEach((b, keys) -> {
            for (int i = 0; i < keys.size(); i += MAX_KEYS) {
                List<ObjectIdentifier> ids = keys.subList(i, Math.min(keys.size(), i + MAX_KEYS)).stream()
                        .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
                DeleteObjectsResponse r = s3.deleteObjects(x -> x.bucket(b).delete(d -> d.objects(ids).quiet(true)));
                if (r.hasErrors() && !r.errors().isEmpty()) {
                    throw new WorkbenchException("S3 did not delete " + r.errors().size() + " objects in " + b
                            + ", e.g. " + r.errors().get(0).key() + ": " + r.errors().get(0).message());
                }
            }
        });
    }
}
