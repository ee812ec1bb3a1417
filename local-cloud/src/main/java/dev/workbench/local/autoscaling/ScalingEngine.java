package dev.workbench.local.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.spi.ScalableVariants;
import dev.workbench.local.spi.ScalableVariants.VariantCapacity;
import dev.workbench.local.spi.StateStore;
import dev.workbench.local.spi.Timing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the scaling policies. Target tracking runs every metric period: above the target it scales out to
 * {@code ceil(capacity * metric / target)}; once the metric has stayed at or below the target for the idle
 * window (the policy's ScaleInCooldown, or {@link Timing#scaleInIdleOverride()}) it scales in, to MinCapacity
 * when there is no load at all. A metric with no datapoints counts as 0 (an idle endpoint). Target tracking
 * never scales out from 0 instances, as in AWS: that is the step policy's job, fired by an alarm.
 */
public final class ScalingEngine implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ScalingEngine.class);
    private static final int DEFAULT_COOLDOWN_SECONDS = 300;

    private final ScalingTargets targets;
    private final ScalableVariants variants;
    private final MetricReader metrics;
    private final Clock clock;
    private final Timing timing;
    private final ScalingActivities activities;
    private final Map<String, Instant> belowTargetSince = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastScaling = new ConcurrentHashMap<>();

    public ScalingEngine(StateStore state, ScalableVariants variants, MetricReader metrics, Clock clock, Timing timing) {
        this.targets = new ScalingTargets(state);
        this.variants = variants;
        this.metrics = metrics;
        this.clock = clock;
        this.timing = timing;
        this.activities = new ScalingActivities(state, clock);
    }

    @Override
    public void run() {
        try {
            for (ObjectNode policy : targets.policies()) {
                if ("TargetTrackingScaling".equals(policy.path("PolicyType").asText())) {
                    trackTarget(policy);
                }
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; keep scaling on the next tick.
            LOG.warn("Scaling evaluation failed: {}", e.toString());
        }
    }

    /** An alarm action: runs the step policy with this ARN (unknown ARNs are ignored, as SNS topics would be). */
    public void alarmAction(String actionArn, String alarmName, double metricValue, double threshold) {
        Optional<ObjectNode> found = targets.policyByArn(actionArn);
        if (found.isEmpty() || !"StepScaling".equals(found.get().path("PolicyType").asText())) {
            return;
        }
        ObjectNode policy = found.get();
        Optional<ObjectNode> target = targets.targetOf(policy);
        Optional<ScalingTargets.Variant> variant = variant(policy);
        if (target.isEmpty() || variant.isEmpty() || suspended(target.get(), "DynamicScalingOutSuspended")) {
            return;
        }
        Optional<VariantCapacity> capacity = variants.capacity(variant.get().endpoint(), variant.get().variant());
        if (capacity.isEmpty()) {
            return;
        }
        JsonNode config = policy.path("StepScalingPolicyConfiguration");
        String arn = policy.path("PolicyARN").asText();
        Instant now = clock.instant();
        Instant last = lastScaling.get(arn);
        if (last != null && now.isBefore(last.plus(compress(config.path("Cooldown").asInt(DEFAULT_COOLDOWN_SECONDS))))) {
            return;
        }
        JsonNode step = step(config.path("StepAdjustments"), Double.isNaN(metricValue) ? 0 : metricValue - threshold);
        if (step == null) {
            return;
        }
        int current = capacity.get().desired();
        int adjustment = step.path("ScalingAdjustment").asInt();
        int wanted = switch (config.path("AdjustmentType").asText()) {
            case "ExactCapacity" -> adjustment;
            case "PercentChangeInCapacity" -> {
                int change = (int) Math.round(current * adjustment / 100.0);
                int min = config.path("MinAdjustmentMagnitude").asInt(0);
                if (Math.abs(change) < min) {
                    change = Integer.signum(adjustment) * min;
                }
                yield current + change;
            }
            default -> current + adjustment;
        };
        if (setCapacity(policy, target.get(), variant.get(), current, wanted, "monitor alarm " + alarmName
                + " in state ALARM triggered policy " + policy.path("PolicyName").asText())) {
            lastScaling.put(arn, now);
        }
    }

    private void trackTarget(ObjectNode policy) {
        Optional<ObjectNode> target = targets.targetOf(policy);
        Optional<ScalingTargets.Variant> variant = variant(policy);
        if (target.isEmpty() || variant.isEmpty()) {
            return;
        }
        Optional<VariantCapacity> capacity = variants.capacity(variant.get().endpoint(), variant.get().variant());
        if (capacity.isEmpty()) {
            return;
        }
        JsonNode config = policy.path("TargetTrackingScalingPolicyConfiguration");
        String arn = policy.path("PolicyARN").asText();
        double targetValue = config.path("TargetValue").asDouble();
        double metric = metricValue(config, variant.get());
        int current = capacity.get().desired();
        Instant now = clock.instant();
        if (metric > targetValue) {
            belowTargetSince.remove(arn);
            if (current == 0 || suspended(target.get(), "DynamicScalingOutSuspended")) {
                return;
            }
            Instant last = lastScaling.get(arn);
            if (last != null && now.isBefore(last.plus(compress(config.path("ScaleOutCooldown").asInt(DEFAULT_COOLDOWN_SECONDS))))) {
                return;
            }
            int wanted = (int) Math.ceil(current * metric / targetValue);
            if (setCapacity(policy, target.get(), variant.get(), current, wanted, "metric " + metric + " > target " + targetValue)) {
                lastScaling.put(arn, now);
            }
            return;
        }
        Instant since = belowTargetSince.computeIfAbsent(arn, a -> now);
        if (config.path("DisableScaleIn").asBoolean(false) || suspended(target.get(), "DynamicScalingInSuspended")) {
            return;
        }
        Duration idle = timing.scaleInIdleOverride() != null ? timing.scaleInIdleOverride()
                : Duration.ofSeconds(config.path("ScaleInCooldown").asInt(DEFAULT_COOLDOWN_SECONDS));
        if (now.isBefore(since.plus(idle))) {
            return;
        }
        int wanted = metric <= 0 ? target.get().path("MinCapacity").asInt() : (int) Math.ceil(current * metric / targetValue);
        if (wanted < current && setCapacity(policy, target.get(), variant.get(), current, wanted,
                "metric " + metric + " <= target " + targetValue + " for " + idle.toMillis() + " ms")) {
            belowTargetSince.put(arn, now);
            lastScaling.put(arn, now);
        }
    }

    private double metricValue(JsonNode config, ScalingTargets.Variant variant) {
        JsonNode custom = config.get("CustomizedMetricSpecification");
        String namespace;
        String name;
        String statistic;
        Map<String, String> dimensions = new TreeMap<>();
        if (custom != null) {
            namespace = custom.path("Namespace").asText();
            name = custom.path("MetricName").asText();
            statistic = custom.path("Statistic").asText("Average");
            for (JsonNode d : custom.path("Dimensions")) {
                dimensions.put(d.path("Name").asText(), d.path("Value").asText());
            }
        } else {
            namespace = "AWS/SageMaker";
            name = "InvocationsPerInstance";
            statistic = "Sum";
            dimensions.put("EndpointName", variant.endpoint());
            dimensions.put("VariantName", variant.variant());
        }
        Instant now = clock.instant();
        OptionalDouble value = metrics.statistic(namespace, name, dimensions, statistic, now.minus(timing.metricPeriod().multipliedBy(2)), now);
        return value.orElse(0);
    }

    private boolean setCapacity(JsonNode policy, JsonNode target, ScalingTargets.Variant variant, int current, int wanted, String why) {
        int min = target.path("MinCapacity").asInt();
        int max = target.path("MaxCapacity").asInt();
        int bounded = Math.max(min, Math.min(max, wanted));
        if (bounded == current) {
            return false;
        }
        LOG.info("Scaling {}/{} from {} to {} instance(s) by policy {} ({})", variant.endpoint(), variant.variant(), current, bounded,
                policy.path("PolicyName").asText(), why);
        variants.setDesiredInstanceCount(variant.endpoint(), variant.variant(), bounded);
        activities.record(policy.path("ResourceId").asText(), current, bounded, why);
        return true;
    }

    private static @Nullable JsonNode step(JsonNode steps, double difference) {
        for (JsonNode step : steps) {
            double lower = step.hasNonNull("MetricIntervalLowerBound") ? step.get("MetricIntervalLowerBound").asDouble() : Double.NEGATIVE_INFINITY;
            double upper = step.hasNonNull("MetricIntervalUpperBound") ? step.get("MetricIntervalUpperBound").asDouble() : Double.POSITIVE_INFINITY;
            if (difference >= lower && difference < upper) {
                return step;
            }
        }
        return null;
    }

    /** Cooldowns shrink with the idle window when tests and demos compress time. */
    private Duration compress(int seconds) {
        Duration cooldown = Duration.ofSeconds(Math.max(0, seconds));
        Duration override = timing.scaleInIdleOverride();
        return override != null && override.compareTo(cooldown) < 0 ? override : cooldown;
    }

    private static boolean suspended(JsonNode target, String flag) {
        return target.path("SuspendedState").path(flag).asBoolean(false);
    }

    private static Optional<ScalingTargets.Variant> variant(JsonNode policy) {
        try {
            return Optional.of(ScalingTargets.Variant.parse(policy.path("ResourceId").asText()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
