package dev.workbench.local;

import dev.workbench.local.cloudwatch.MetricStore;
import dev.workbench.local.http.AwsService;
import dev.workbench.local.spi.CloudContext;
import dev.workbench.local.spi.ScalableVariants;
import java.util.Deque;
import java.util.Map;

/** Mounts CloudWatch and Application Auto Scaling and wires alarms to scaling policies. */
final class Services {

    private Services() {
    }

    static void addPlatformServices(CloudContext context, MetricStore metrics, ScalableVariants variants,
                                    Map<String, AwsService> services, Deque<AutoCloseable> closeables) {
        // CloudWatch and Application Auto Scaling are mounted here once they exist.
    }
}
