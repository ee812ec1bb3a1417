package dev.workbench.bench;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.spi.Timing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** An embedded local cloud with a client connected to it, for one benchmark run. */
final class BenchCloud implements AutoCloseable {
    /** Long idle window: nothing may scale in while a benchmark measures. */
    private static final Timing TIMING = new Timing(Duration.ofMillis(200), Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(60));

    final LocalCloud local;
    final Cloud cloud;
    final Path dir;

    BenchCloud() {
        dir = TempDirs.create("workbench-bench");
        local = LocalCloud.start(c -> c.port(0).dataDir(dir.resolve("cloud")).timing(TIMING));
        cloud = Cloud.at(local.endpoint(), s -> s.dataDir(dir.resolve("client")));
    }

    /** Deploys the latency model as an async endpoint with a fixed fleet of instances x concurrency. */
    Endpoint asyncLatencyEndpoint(String name, int instances, int concurrency, int msPerRow) {
        var model = cloud.registerModel(name, r -> r.image("local/latency")
                .environment(Map.of("LATENCY_MS_PER_ROW", Integer.toString(msPerRow))));
        return model.toEndpoint(d -> d.endpointName(name).async(true).initialInstances(instances)
                .minInstances(instances).maxInstances(instances).maxConcurrent(concurrency).idleMinutes(60));
    }

    /** Deploys a bundled model as a sync endpoint. */
    Endpoint syncEndpoint(String name, String image) {
        var model = cloud.registerModel(name, r -> r.image(image));
        return model.toEndpoint(d -> d.endpointName(name).async(false));
    }

    /** S3 requests the local cloud has served so far. */
    long s3Requests() {
        return local.stats().snapshot().entrySet().stream()
                .filter(e -> e.getKey().startsWith("s3."))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    @Override
    public void close() {
        cloud.close();
        local.close();
        TempDirs.delete(dir);
    }
}
