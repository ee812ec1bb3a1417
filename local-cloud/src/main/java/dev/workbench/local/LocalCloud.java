package dev.workbench.local;

import dev.workbench.local.faults.FaultsFile;
import dev.workbench.local.faults.SeededFaultInjector;
import dev.workbench.local.http.AwsService;
import dev.workbench.local.http.CloudServer;
import dev.workbench.local.http.RoutingServlet;
import dev.workbench.local.logs.LogStore;
import dev.workbench.local.logs.LogsService;
import dev.workbench.local.quotas.QuotasService;
import dev.workbench.local.s3.BlobObjectStore;
import dev.workbench.local.s3.S3Backend;
import dev.workbench.local.sagemaker.SageMakerOptions;
import dev.workbench.local.sagemaker.SageMakerService;
import dev.workbench.local.spi.CloudContext;
import dev.workbench.local.spi.CloudStats;
import dev.workbench.local.spi.FaultInjector;
import dev.workbench.local.spi.FaultSettings;
import dev.workbench.local.state.SqliteDatabase;
import dev.workbench.local.state.SqliteStateStore;
import dev.workbench.local.cloudwatch.MetricStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local cloud: S3 (s3proxy), SageMaker and its runtime, CloudWatch, CloudWatch Logs and Application Auto Scaling on one
 * loopback port, with every bit of state under the data directory so a restart loses nothing.
 */
public final class LocalCloud implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCloud.class);
    /** Non-S3 bodies are small (SageMaker's sync limit is 6 MB); anything bigger is refused before it is buffered. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final LocalCloudConfig config;
    private final CloudServer server;
    private final FaultInjector faults;
    private final CloudStats stats;
    private final Deque<AutoCloseable> closeables;
    private boolean closed;

    private LocalCloud(LocalCloudConfig config, CloudServer server, FaultInjector faults, CloudStats stats, Deque<AutoCloseable> closeables) {
        this.config = config;
        this.server = server;
        this.faults = faults;
        this.stats = stats;
        this.closeables = closeables;
    }

    public static LocalCloud start(Consumer<LocalCloudConfig.Builder> config) {
        LocalCloudConfig.Builder builder = LocalCloudConfig.builder();
        config.accept(builder);
        return start(builder.build());
    }

    public static LocalCloud start(LocalCloudConfig config) {
        // Closed in reverse order of creation, also when a later part fails to start.
        Deque<AutoCloseable> closeables = new ArrayDeque<>();
        try {
            Path dataDir = config.dataDir().toAbsolutePath();
            Files.createDirectories(dataDir);
            SqliteDatabase db = SqliteDatabase.open(dataDir.resolve("state.db"));
            closeables.push(db);
            SqliteStateStore state = new SqliteStateStore(db);
            MetricStore metrics = new MetricStore(db);
            S3Backend s3 = S3Backend.open(dataDir.resolve("s3"), config.accessKey(), config.secretKey());
            closeables.push(s3);
            FaultInjector faults = new SeededFaultInjector(initialFaults(config, dataDir));
            CloudStats stats = new CloudStats();
            ScheduledThreadPoolExecutor scheduler = scheduler();
            closeables.push(() -> {
                scheduler.shutdownNow();
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            });
            LogStore logs = new LogStore(db, Clock.systemUTC());
            // Container output is queued; a flush every 200 ms stores it (a reader's call flushes first).
            ScheduledFuture<?> logFlush = scheduler.scheduleWithFixedDelay(() -> flushQuietly(logs), 200, 200, TimeUnit.MILLISECONDS);
            closeables.push(() -> {
                logFlush.cancel(false);
                logs.flush();
            });
            CloudContext context = new CloudContext(config.region(), config.accountId(), config.timing(), Clock.systemUTC(),
                    state, new BlobObjectStore(s3.blobStore()), metrics, faults, stats, scheduler, logs);

            Map<String, AwsService> services = new LinkedHashMap<>();
            SageMakerService sageMaker = new SageMakerService(context, SageMakerOptions.in(dataDir.resolve("sagemaker")));
            closeables.push(sageMaker);
            services.put(sageMaker.signingName(), sageMaker);
            Services.addPlatformServices(context, metrics, sageMaker, services, closeables);
            LogsService logsService = new LogsService(logs, config.region(), config.accountId(), stats);
            services.put(logsService.signingName(), logsService);
            QuotasService quotas = new QuotasService(config.quotas(), config.region(), config.accountId(), stats);
            services.put(quotas.signingName(), quotas);

            RoutingServlet servlet = new RoutingServlet(config.accessKey(), config.secretKey(), services, s3.servlet(),
                    stats, faults, new AdminPaths(faults, stats), MAX_BODY_BYTES);
            CloudServer server = CloudServer.start(config.port(), servlet);
            closeables.push(server);
            LOG.info("Local cloud listening on http://{}:{} with data in {}", CloudServer.HOST, server.port(), dataDir);
            return new LocalCloud(config, server, faults, stats, closeables);
        } catch (IOException e) {
            closeAll(closeables);
            throw new UncheckedIOException("Cannot create data directory " + config.dataDir(), e);
        } catch (RuntimeException | Error e) {
            closeAll(closeables);
            throw e;
        }
    }

    private static void flushQuietly(LogStore logs) {
        try {
            logs.flush();
        } catch (RuntimeException e) {
            LOG.warn("Storing container log lines failed: {}", e.toString());
        }
    }

    private static FaultSettings initialFaults(LocalCloudConfig config, Path dataDir) {
        Path file = dataDir.resolve("faults.json");
        if (config.faults().equals(FaultSettings.none()) && Files.isRegularFile(file)) {
            return FaultsFile.read(file);
        }
        return config.faults();
    }

    private static ScheduledThreadPoolExecutor scheduler() {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "local-cloud-scheduler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return scheduler;
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return URI.create("http://" + CloudServer.HOST + ":" + port());
    }

    public int port() {
        return server.port();
    }

    public LocalCloudConfig config() {
        return config;
    }

    public FaultInjector faults() {
        return faults;
    }

    public CloudStats stats() {
        return stats;
    }

    /** Stops the server, model containers and schedulers. State stays on disk. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        int port = server.port();
        closeAll(closeables);
        LOG.info("Local cloud on port {} stopped", port);
    }

    private static void closeAll(Deque<AutoCloseable> closeables) {
        while (!closeables.isEmpty()) {
            AutoCloseable c = closeables.pop();
            long started = System.nanoTime();
            try {
                c.close();
                long millis = (System.nanoTime() - started) / 1_000_000;
                if (millis > 1000) {
                    LOG.info("Stopping {} took {} ms", c.getClass().getSimpleName(), millis);
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warn("Error while stopping the local cloud: {}", e.toString());
            }
        }
    }
}
