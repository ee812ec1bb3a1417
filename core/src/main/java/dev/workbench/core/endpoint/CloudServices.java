package dev.workbench.core.endpoint;

import dev.workbench.api.Cloud;
import dev.workbench.api.InferenceJob;
import dev.workbench.api.JournalBatch;
import dev.workbench.core.journal.Journal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one {@link Cloud} shares between its endpoints: the bounded executor of the sync round trip, the jobs
 * running in this process, and the async round trip (created on first use, closed with the Cloud).
 */
public final class CloudServices {
  /** Upper bound of concurrent sync invocations per Cloud (the connection pool has room for more). */
  public static final int MAX_SYNC_THREADS = 128;

  private final Cloud cloud;
  private final ThreadPoolExecutor syncPool;
  private final Map<String, InferenceJob> jobs = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AsyncRoundTripHolder async;

  public CloudServices(Cloud cloud) {
    this.cloud = cloud;
    this.syncPool = new ThreadPoolExecutor(MAX_SYNC_THREADS, MAX_SYNC_THREADS, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), named("workbench-sync"));
    syncPool.allowCoreThreadTimeOut(true);
    this.async = new AsyncRoundTripHolder(cloud);
  }

  static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  public Cloud cloud() {
    return cloud;
  }

  public ExecutorService syncExecutor() {
    return syncPool;
  }

  public AsyncRoundTripHolder async() {
    return async;
  }

  /** Tracks a job until its future completes. */
  public <J extends InferenceJob> J track(J job) {
    jobs.put(job.id(), job);
    job.future().whenComplete((r, e) -> jobs.remove(job.id()));
    return job;
  }

  public List<InferenceJob> jobs() {
    List<InferenceJob> list = new ArrayList<>(jobs.values());
    list.sort(Comparator.comparing(InferenceJob::startedAt));
    return List.copyOf(list);
  }

  public Path journalFile() {
    return cloud.dataDir().resolve("journal.db");
  }

  public List<JournalBatch> journalBatches() {
    Path file = journalFile();
    if (!Files.exists(file)) {
      return List.of();
    }
    try (Journal journal = Journal.open(file)) {
      return journal.uncollected();
    }
  }

  public boolean isClosed() {
    return closed.get();
  }

  /** True the first time (the caller then closes the clients). */
  public boolean close() {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    async.close();
    syncPool.shutdownNow();
    return true;
  }
}
