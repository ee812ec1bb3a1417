package dev.workbench.reliability;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import dev.workbench.api.DeployOptions;

/** Deploys and inspects endpoints the way a user of the core API would. */
final class Clouds {
    private Clouds() {}

    /** An async endpoint of the bundled latency model, deployed by core with scale-to-zero. */
    static Endpoint deployLatency(Cloud cloud, String name, Map<String, String> env, Consumer<DeployOptions.Builder> more) {
        return cloud.registerModel(name, r -> r.image("local/latency").environment(env))
                .toEndpoint(d -> {
                    d.async(true).minInstances(0).maxInstances(2).maxConcurrent(4).idleMinutes(1);
                    more.accept(d);
                });
    }

    /** The prefixes async objects live under for an endpoint deployed by core. */
    static List<String> asyncPrefixes(String endpoint) {
        return List.of("endpoints/" + endpoint + "/async-input", "endpoints/" + endpoint + "/async-output",
                "endpoints/" + endpoint + "/async-failures");
    }

    static List<String> objectsUnder(Cloud cloud, String prefix) {
        List<String> keys = new ArrayList<>();
        cloud.s3().listObjectsV2Paginator(b -> b.bucket(cloud.bucket()).prefix(prefix))
                .contents().forEach(o -> keys.add(o.key()));
        return keys;
    }

    /** Objects left under the endpoint's async prefixes once cleanup had {@code timeout} to finish. */
    static List<String> leftovers(Cloud cloud, String endpoint, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> left = new ArrayList<>();
            for (String prefix : asyncPrefixes(endpoint)) {
                left.addAll(objectsUnder(cloud, prefix));
            }
            if (left.isEmpty() || System.nanoTime() > end) {
                return left;
            }
            sleep(250);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
