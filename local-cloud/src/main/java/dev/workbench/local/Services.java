package dev.workbench.local;

import dev.workbench.local.autoscaling.AutoScalingService;
import dev.workbench.local.autoscaling.ScalingEngine;
import dev.workbench.local.cloudwatch.AlarmEvaluator;
import dev.workbench.local.cloudwatch.CloudWatchService;
import dev.workbench.local.cloudwatch.Dimensions;
import dev.workbench.local.cloudwatch.MetricStore;
import dev.workbench.local.cloudwatch.ServiceAlarms;
import dev.workbench.local.cloudwatch.Statistic;
import dev.workbench.local.http.AwsService;
import dev.workbench.local.spi.CloudContext;
import dev.workbench.local.spi.ScalableVariants;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Mounts CloudWatch and Application Auto Scaling, and wires alarm actions to step scaling policies. */
final class Services {

    private Services() {
    }

    static void addPlatformServices(CloudContext context, MetricStore metrics, ScalableVariants variants,
                                    Map<String, AwsService> services, Deque<AutoCloseable> closeables) {
        CloudWatchService cloudWatch = new CloudWatchService(metrics, context.state(), context.clock(), context.region(),
                context.accountId(), context.stats());
        services.put(cloudWatch.signingName(), cloudWatch);
        AutoScalingService autoScaling = new AutoScalingService(context.state(), variants, context.clock(), context.region(),
                context.accountId(), context.stats(),
                new ServiceAlarms(context.state(), context.clock(), context.region(), context.accountId()));
        services.put(autoScaling.signingName(), autoScaling);

        ScalingEngine engine = new ScalingEngine(context.state(), variants,
                (namespace, name, dims, statistic, from, to) -> metrics.statistic(
                        new MetricStore.MetricId(namespace, name, Dimensions.of(dims)), Statistic.parse(statistic, "ValidationException"), from, to),
                context.clock(), context.timing());
        AlarmEvaluator alarms = new AlarmEvaluator(context.state(), metrics, context.clock(), context.timing().metricPeriod(),
                engine::alarmAction);
        long period = Math.max(10, context.timing().metricPeriod().toMillis());
        // Alarms first, then target tracking, in one task so the two never race on one variant's capacity.
        ScheduledFuture<?> task = context.scheduler().scheduleWithFixedDelay(() -> {
            alarms.run();
            engine.run();
        }, period, period, TimeUnit.MILLISECONDS);
        closeables.push(() -> task.cancel(false));
    }
}
