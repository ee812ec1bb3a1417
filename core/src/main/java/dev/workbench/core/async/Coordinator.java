package dev.workbench.core.async;

import dev.workbench.core.journal.Journal;
import dev.workbench.core.journal.JournalEntry;
import dev.workbench.core.journal.JournalState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * How the round trips of several processes (one machine or many, sharing only the bucket) share batches with
 * identical content. See the package documentation for the protocol; in short: the input object, created with
 * {@code If-None-Match: *}, is the lease on (content, generation); a participant refused with 412 follows the
 * holder, which, while it sees other participants registered, publishes each result under
 * {@code async-shared/} for a while. A follower takes the published result (or, on the same machine, the rows
 * the holder wrote into the journal), and falls back to invoking itself, under the next generation, when the
 * holder is dead or its lease vanished without a result.
 *
 * <p>Costs a lone run two requests per {@link #HEARTBEAT} (its registration and one listing), not per batch.
 */
final class Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    static final Duration HEARTBEAT = Duration.ofMillis(500);
    /** A registration this much older than our own is a participant that stopped. */
    static final Duration STALE = Duration.ofSeconds(10);
    /** Registrations this old are removed by whoever sees them (left by killed processes). */
    static final Duration FORGET = Duration.ofMinutes(2);
    /** How long a published result stays for followers (they look once per heartbeat). */
    static final Duration SHARE_FOR = Duration.ofSeconds(30);

    private final Participant self = Participant.create();
    private final S3Client s3;
    private final ScheduledExecutorService timer;
    private final RequestCounts counts;
    private final Consumer<Runnable> io;
    private final Supplier<String> bucket;
    private final ObjectDeleter deleter;
    private final ConcurrentHashMap<String, Site> sites = new ConcurrentHashMap<>();
    private final Set<S3Location> published = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Coordinator(S3Client s3, ScheduledExecutorService timer, RequestCounts counts, Consumer<Runnable> io,
            Supplier<String> bucket, ObjectDeleter deleter) {
        this.s3 = s3;
        this.timer = timer;
        this.counts = counts;
        this.io = io;
        this.bucket = bucket;
        this.deleter = deleter;
    }

    String selfId() {
        return self.id();
    }

    /** A job starts on the endpoint: register (blocking, so the job knows its peers before its first claim). */
    void joined(String endpoint) {
        Site site = sites.computeIfAbsent(endpoint, Site::new);
        boolean first;
        synchronized (site) {
            first = site.jobs++ == 0;
        }
        if (first) {
            beat(site);
            if (site.ticking.compareAndSet(false, true)) {
                schedule(site);
            }
        }
    }

    void left(String endpoint) {
        Site site = sites.get(endpoint);
        if (site == null) {
            return;
        }
        synchronized (site) {
            if (--site.jobs > 0) {
                return;
            }
        }
        io.accept(() -> unregister(site, false));
    }

    /** Other participants registered on the endpoint and heard from lately. */
    boolean peersLive(String endpoint) {
        Site site = sites.get(endpoint);
        return site != null && !site.peers.isEmpty();
    }

    /** A published result for this InferenceId was seen in the last listing. */
    boolean sharedSeen(String endpoint, String inferenceId) {
        Site site = sites.get(endpoint);
        return site != null && (site.shared.contains(inferenceId + ".csv") || site.shared.contains(inferenceId + ".error"));
    }

    /** Alive as far as this participant can tell: known locally, else by a fresh registration. */
    boolean alive(String endpoint, @Nullable String owner) {
        Participant p = Participant.parse(owner);
        if (p == null) {
            return false;
        }
        Optional<Boolean> known = p.knownAlive();
        if (known.isPresent()) {
            return known.get();
        }
        Site site = sites.get(endpoint);
        return site != null && site.peers.contains(p.id());
    }

    /** Waits for the lease holder's result; resolved on the next heartbeats. */
    void follow(Batch batch, String owner) {
        Site site = sites.computeIfAbsent(batch.endpointName(), Site::new);
        site.followers.put(batch.inferenceId, new Follower(batch, owner, System.nanoTime()));
    }

    void unfollow(Batch batch) {
        Site site = sites.get(batch.endpointName());
        if (site != null) {
            site.followers.remove(batch.inferenceId);
        }
    }

    /** The lease holder's result, kept for followers for {@link #SHARE_FOR} (only while peers are seen). */
    void publish(Batch batch, String text, boolean failure) {
        S3Location at = new S3Location(bucket.get(), sharedPrefix(batch.endpointName()) + batch.inferenceId
                + (failure ? ".error" : ".csv"));
        try {
            counts.count("s3.PutObject");
            s3.putObject(b -> b.bucket(at.bucket()).key(at.key()).contentType("text/plain"), RequestBody.fromString(text));
            published.add(at);
            timer.schedule(() -> {
                if (published.remove(at)) {
                    deleter.delete(List.of(at));
                }
            }, SHARE_FOR.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // Followers fall back to invoking themselves once the lease is gone.
            LOG.debug("Could not publish {} for followers: {}", at, e.toString());
        }
    }

    /** Stops heartbeats; results still published are deleted (a follower that still wanted one invokes itself). */
    void close() {
        closed = true;
        self.closed();
        for (Site site : sites.values()) {
            unregister(site, true);
        }
        dropPublished();
    }

    private void dropPublished() {
        List<S3Location> left = List.copyOf(published);
        published.removeAll(left);
        deleter.delete(left);
    }

    private void schedule(Site site) {
        try {
            timer.schedule(() -> io.accept(() -> {
                boolean again;
                synchronized (site) {
                    again = !closed && (site.jobs > 0 || !site.followers.isEmpty());
                }
                if (again) {
                    beat(site);
                    schedule(site);
                } else {
                    site.ticking.set(false);
                }
            }), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            site.ticking.set(false);
            LOG.debug("Round trip closed; no more heartbeats");
        }
    }

    /** One heartbeat: refresh our registration, see who else is there, resolve followed batches. */
    private void beat(Site site) {
        if (closed || !site.beating.compareAndSet(false, true)) {
            return;
        }
        try {
            String b = bucket.get();
            String runs = "endpoints/" + site.endpoint + "/async-runs/";
            synchronized (site.registration) {
                // Under the lock unregister takes: a beat that began before the last job left must not write the
                // registration again after its removal (it would stay until someone else's FORGET).
                if (registered(site)) {
                    counts.count("s3.PutObject");
                    s3.putObject(r -> r.bucket(b).key(runs + self.id()).contentType("text/plain"),
                            RequestBody.fromString(self.id()));
                }
            }
            Map<String, Instant> registered = new HashMap<>();
            for (S3Object o : list(b, runs)) {
                registered.put(o.key().substring(runs.length()), o.lastModified());
            }
            Instant now = registered.getOrDefault(self.id(), Instant.now());
            Set<String> peers = new HashSet<>();
            registered.forEach((id, at) -> {
                if (id.equals(self.id())) {
                    return;
                }
                Participant p = Participant.parse(id);
                boolean dead = p == null || !p.knownAlive().orElse(true);
                if (dead || at.isBefore(now.minus(FORGET))) {
                    // A killed process's registration: nobody will remove it but us.
                    deleter.delete(List.of(new S3Location(b, runs + id)));
                } else if (at.isAfter(now.minus(STALE))) {
                    peers.add(id);
                }
            });
            site.peers = Set.copyOf(peers);
            if (peers.isEmpty() && site.followers.isEmpty()) {
                site.shared = Set.of();
                return;
            }
            String sharedPrefix = sharedPrefix(site.endpoint);
            Set<String> shared = new HashSet<>();
            for (S3Object o : list(b, sharedPrefix)) {
                shared.add(o.key().substring(sharedPrefix.length()));
            }
            site.shared = Set.copyOf(shared);
            if (!site.followers.isEmpty()) {
                resolve(site, b, shared);
            }
        } catch (RuntimeException e) {
            LOG.debug("Heartbeat on {} failed: {}", site.endpoint, e.toString());
        } finally {
            site.beating.set(false);
        }
    }

    private void resolve(Site site, String b, Set<String> shared) {
        String inputs = "endpoints/" + site.endpoint + "/async-input/";
        Set<String> leased = new HashSet<>();
        for (S3Object o : list(b, inputs)) {
            leased.add(o.key().substring(inputs.length()));
        }
        for (Follower f : List.copyOf(site.followers.values())) {
            Batch batch = f.batch;
            String id = batch.inferenceId;
            AsyncJobRun run = batch.run;
            if (run.stopped()) {
                site.followers.remove(id, f);
                continue;
            }
            try {
                // Read before taking the follower: a result unpublished between the listing and the read (its
                // holder closed) throws here and leaves the follower for the next heartbeat, which finds the
                // lease gone; taken first, the follower would be lost and its run would wait forever.
                if (shared.contains(id + ".csv")) {
                    String text = read(b, sharedPrefix(site.endpoint) + id + ".csv");
                    if (take(site, f)) {
                        run.sharedResult(batch, text);
                    }
                    continue;
                }
                if (shared.contains(id + ".error")) {
                    String text = read(b, sharedPrefix(site.endpoint) + id + ".error");
                    if (take(site, f)) {
                        run.sharedFailure(batch, text);
                    }
                    continue;
                }
                Journal journal = run.journal();
                JournalEntry e = journal == null ? null : journal.get(id).orElse(null);
                if (e != null && e.state() == JournalState.COLLECTED && e.result() != null && take(site, f)) {
                    run.sharedResult(batch, e.result());
                    continue;
                }
                if (e != null && e.state() == JournalState.FAILED && e.error() != null && take(site, f)) {
                    run.sharedFailure(batch, e.error());
                    continue;
                }
                f.misses = leased.contains(id + ".csv") ? 0 : f.misses + 1;
                String why = null;
                if (f.misses >= 2) {
                    why = "its lease holder let it go without a result";
                } else if (!alive(site.endpoint, f.owner)) {
                    why = "its lease holder " + f.owner + " stopped";
                } else if (System.nanoTime() - f.sinceNanos > run.deadlineNanos()) {
                    why = "its lease holder gave no result within the invocation timeout";
                }
                if (why != null && take(site, f)) {
                    run.leaseLost(batch, why);
                }
            } catch (RuntimeException ex) {
                // The next heartbeat tries again (a published result read before its deletion, a journal busy...).
                LOG.debug("Following {}: {}", batch, ex.toString());
            }
        }
    }

    private static boolean take(Site site, Follower f) {
        return site.followers.remove(f.batch.inferenceId, f);
    }

    private String read(String b, String key) {
        counts.count("s3.GetObject");
        return s3.getObjectAsBytes(r -> r.bucket(b).key(key)).asUtf8String();
    }

    private List<S3Object> list(String b, String prefix) {
        List<S3Object> out = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            counts.count("s3.ListObjectsV2");
            var r = s3.listObjectsV2(x -> x.bucket(b).prefix(prefix).continuationToken(page));
            out.addAll(r.contents());
            token = Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null;
        } while (token != null);
        return out;
    }

    /** The last job on the endpoint ended (or the round trip closes): nobody needs to count us in any more. */
    private void unregister(Site site, boolean closing) {
        synchronized (site.registration) {
            if (!closing && registered(site)) {
                return;
            }
            if (!closing && sites.values().stream().allMatch(x -> x.peers.isEmpty())) {
                // Nobody else is around to read what we published.
                dropPublished();
            }
            try {
                counts.count("s3.DeleteObject");
                s3.deleteObject(r -> r.bucket(bucket.get()).key("endpoints/" + site.endpoint + "/async-runs/" + self.id()));
            } catch (RuntimeException e) {
                LOG.debug("Could not remove the registration on {}: {}", site.endpoint, e.toString());
            }
        }
    }

    /** Whether our registration on the site should exist: a job of ours runs there and we are not closed. */
    private boolean registered(Site site) {
        synchronized (site) {
            return !closed && site.jobs > 0;
        }
    }

    static String sharedPrefix(String endpoint) {
        return "endpoints/" + endpoint + "/async-shared/";
    }

    /** One endpoint this participant works on. */
    private static final class Site {
        final String endpoint;
        int jobs; // guarded by this
        final AtomicBoolean beating = new AtomicBoolean();
        /** Serialises writing and removing our registration object. */
        final Object registration = new Object();
        final AtomicBoolean ticking = new AtomicBoolean();
        volatile Set<String> peers = Set.of();
        volatile Set<String> shared = Set.of();
        final ConcurrentHashMap<String, Follower> followers = new ConcurrentHashMap<>();

        Site(String endpoint) {
            this.endpoint = endpoint;
        }
    }

    private static final class Follower {
        final Batch batch;
        final String owner;
        final long sinceNanos;
        int misses; // the heartbeat's alone

        Follower(Batch batch, String owner, long sinceNanos) {
            this.batch = batch;
            this.owner = owner;
            this.sinceNanos = sinceNanos;
        }
    }
}
