package dev.workbench.local.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.cloudwatch.ServiceAlarms;
import dev.workbench.local.http.AwsException;
import dev.workbench.local.http.AwsRequest;
import dev.workbench.local.http.AwsResponse;
import dev.workbench.local.http.AwsService;
import dev.workbench.local.spi.CloudStats;
import dev.workbench.local.spi.ScalableVariants;
import dev.workbench.local.spi.StateStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Application Auto Scaling, JSON 1.1 with target prefix {@code AnyScaleFrontendService}, for SageMaker variants. */
public final class AutoScalingService implements AwsService {

    private static final String TARGET_PREFIX = "AnyScaleFrontendService.";

    private final StateStore state;
    private final ScalingTargets targets;
    private final ScalableVariants variants;
    private final Clock clock;
    private final String region;
    private final String accountId;
    private final CloudStats stats;
    private final ScalingActivities activities;
    private final ServiceAlarms alarms;

    public AutoScalingService(StateStore state, ScalableVariants variants, Clock clock, String region, String accountId,
                              CloudStats stats, ServiceAlarms alarms) {
        this.state = state;
        this.alarms = alarms;
        this.targets = new ScalingTargets(state);
        this.variants = variants;
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        this.stats = stats;
        this.activities = new ScalingActivities(state, clock);
    }

    @Override
    public String signingName() {
        return "application-autoscaling";
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        String target = request.header("X-Amz-Target").orElseThrow(() -> new AwsException(400, "UnknownOperationException",
                "Application Auto Scaling requests need an X-Amz-Target header"));
        if (!target.startsWith(TARGET_PREFIX)) {
            throw new AwsException(400, "UnknownOperationException", "Unknown operation " + target);
        }
        String op = target.substring(TARGET_PREFIX.length());
        ObjectNode body = Json.body(request);
        Lengths.check(op, body);
        ObjectNode result = switch (op) {
            case "RegisterScalableTarget" -> register(body);
            case "DescribeScalableTargets" -> describeTargets(body);
            case "DeregisterScalableTarget" -> deregister(body);
            case "PutScalingPolicy" -> putPolicy(body);
            case "DescribeScalingPolicies" -> describePolicies(body);
            case "DeleteScalingPolicy" -> deletePolicy(body);
            case "DescribeScalingActivities" -> activities.describe(body);
            default -> throw new AwsException(400, "UnknownOperationException",
                    "The local cloud's Application Auto Scaling does not support the operation " + op);
        };
        stats.count("application-autoscaling." + op);
        return Json.reply(result);
    }

    private ObjectNode register(ObjectNode body) {
        String namespace = Json.required(body, "ServiceNamespace");
        String resourceId = Json.required(body, "ResourceId");
        String dimension = Json.required(body, "ScalableDimension");
        ScalingTargets.checkNamespaceAndDimension(namespace, dimension);
        ScalingTargets.Variant variant = ScalingTargets.Variant.parse(resourceId);
        if (variants.capacity(variant.endpoint(), variant.variant()).isEmpty()) {
            throw AwsException.validation("Unable to register scalable target: endpoint '" + variant.endpoint()
                    + "' has no variant '" + variant.variant() + "'");
        }
        ObjectNode existing = targets.target(namespace, resourceId, dimension).orElse(null);
        ObjectNode doc = existing != null ? existing : Json.MAPPER.createObjectNode();
        if (existing == null) {
            if (!body.hasNonNull("MinCapacity") || !body.hasNonNull("MaxCapacity")) {
                throw AwsException.validation("MinCapacity and MaxCapacity are required when registering a new scalable target");
            }
            doc.put("ServiceNamespace", namespace);
            doc.put("ResourceId", resourceId);
            doc.put("ScalableDimension", dimension);
            doc.put("CreationTime", clock.millis() / 1000.0);
            doc.put("ScalableTargetARN", "arn:aws:application-autoscaling:" + region + ":" + accountId
                    + ":scalable-target/" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
            doc.put("RoleARN", "arn:aws:iam::" + accountId
                    + ":role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint");
        }
        if (body.hasNonNull("MinCapacity")) {
            doc.put("MinCapacity", capacity(body, "MinCapacity"));
        }
        if (body.hasNonNull("MaxCapacity")) {
            doc.put("MaxCapacity", capacity(body, "MaxCapacity"));
        }
        if (body.hasNonNull("RoleARN")) {
            doc.put("RoleARN", body.get("RoleARN").asText());
        }
        if (body.has("SuspendedState")) {
            doc.set("SuspendedState", body.get("SuspendedState"));
        }
        if (doc.path("MinCapacity").asInt() > doc.path("MaxCapacity").asInt()) {
            throw AwsException.validation("Minimum capacity cannot be greater than maximum capacity");
        }
        state.put(ScalingTargets.TARGET, ScalingTargets.targetId(namespace, resourceId, dimension), doc);
        // As in AWS: a target whose capacity lies outside the new bounds is brought inside them.
        variants.capacity(variant.endpoint(), variant.variant()).ifPresent(c -> {
            int bounded = Math.max(doc.path("MinCapacity").asInt(), Math.min(doc.path("MaxCapacity").asInt(), c.desired()));
            if (bounded != c.desired()) {
                variants.setDesiredInstanceCount(variant.endpoint(), variant.variant(), bounded);
            }
        });
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("ScalableTargetARN", doc.path("ScalableTargetARN").asText());
        return result;
    }

    private ObjectNode describeTargets(ObjectNode body) {
        String namespace = Json.required(body, "ServiceNamespace");
        Set<String> resourceIds = strings(body, "ResourceIds");
        String dimension = body.path("ScalableDimension").asText(null);
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode out = result.putArray("ScalableTargets");
        for (ObjectNode t : targets.targets()) {
            if (namespace.equals(t.path("ServiceNamespace").asText())
                    && (resourceIds.isEmpty() || resourceIds.contains(t.path("ResourceId").asText()))
                    && (dimension == null || dimension.equals(t.path("ScalableDimension").asText()))) {
                out.add(t);
            }
        }
        return result;
    }

    private ObjectNode deregister(ObjectNode body) {
        String namespace = Json.required(body, "ServiceNamespace");
        String resourceId = Json.required(body, "ResourceId");
        String dimension = Json.required(body, "ScalableDimension");
        targets.requireTarget(namespace, resourceId, dimension);
        for (ObjectNode policy : targets.policies()) {
            if (resourceId.equals(policy.path("ResourceId").asText()) && dimension.equals(policy.path("ScalableDimension").asText())
                    && namespace.equals(policy.path("ServiceNamespace").asText())) {
                dropTrackingAlarms(policy.path("PolicyARN").asText());
                state.delete(ScalingTargets.POLICY, ScalingTargets.policyId(namespace, resourceId, dimension, policy.path("PolicyName").asText()));
            }
        }
        state.delete(ScalingTargets.TARGET, ScalingTargets.targetId(namespace, resourceId, dimension));
        return Json.MAPPER.createObjectNode();
    }

    private ObjectNode putPolicy(ObjectNode body) {
        String name = Json.required(body, "PolicyName");
        String namespace = Json.required(body, "ServiceNamespace");
        String resourceId = Json.required(body, "ResourceId");
        String dimension = Json.required(body, "ScalableDimension");
        targets.requireTarget(namespace, resourceId, dimension);
        String type = body.path("PolicyType").asText("StepScaling");
        ObjectNode doc = Json.MAPPER.createObjectNode();
        switch (type) {
            case "TargetTrackingScaling" -> doc.set("TargetTrackingScalingPolicyConfiguration", targetTracking(body));
            case "StepScaling" -> doc.set("StepScalingPolicyConfiguration", stepScaling(body));
            default -> throw AwsException.validation("Unsupported PolicyType '" + type
                    + "' (the local cloud supports TargetTrackingScaling and StepScaling)");
        }
        String id = ScalingTargets.policyId(namespace, resourceId, dimension, name);
        ObjectNode existing = state.get(ScalingTargets.POLICY, id).orElse(null);
        String arn = existing != null ? existing.path("PolicyARN").asText()
                : "arn:aws:autoscaling:" + region + ":" + accountId + ":scalingPolicy:" + UUID.randomUUID()
                        + ":resource/" + namespace + "/" + resourceId + ":policyName/" + name;
        doc.put("PolicyARN", arn);
        doc.put("PolicyName", name);
        doc.put("ServiceNamespace", namespace);
        doc.put("ResourceId", resourceId);
        doc.put("ScalableDimension", dimension);
        doc.put("PolicyType", type);
        doc.put("CreationTime", existing != null ? existing.path("CreationTime").asDouble() : clock.millis() / 1000.0);
        // A changed policy gets new alarms, as in AWS (the old ones are removed, whatever the policy was before).
        dropTrackingAlarms(arn);
        List<ServiceAlarms.Named> created = type.equals("TargetTrackingScaling")
                ? trackingAlarms(arn, resourceId, doc.get("TargetTrackingScalingPolicyConfiguration")) : List.of();
        state.put(ScalingTargets.POLICY, id, doc);
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("PolicyARN", arn);
        putAlarms(result, created);
        return result;
    }

    private static JsonNode targetTracking(ObjectNode body) {
        JsonNode config = body.get("TargetTrackingScalingPolicyConfiguration");
        if (config == null || !config.isObject()) {
            throw AwsException.validation("TargetTrackingScalingPolicyConfiguration is required for a TargetTrackingScaling policy");
        }
        if (!config.path("TargetValue").isNumber() || config.path("TargetValue").asDouble() <= 0) {
            throw AwsException.validation("TargetTrackingScalingPolicyConfiguration.TargetValue must be a number greater than 0");
        }
        JsonNode custom = config.get("CustomizedMetricSpecification");
        JsonNode predefined = config.get("PredefinedMetricSpecification");
        if ((custom == null) == (predefined == null)) {
            throw AwsException.validation("Exactly one of CustomizedMetricSpecification and PredefinedMetricSpecification is required");
        }
        if (custom != null) {
            if (custom.has("Metrics")) {
                throw AwsException.validation("Metric math in CustomizedMetricSpecification is not supported by the local cloud");
            }
            Json.required(custom, "MetricName");
            Json.required(custom, "Namespace");
            Json.required(custom, "Statistic");
        } else {
            String type = Json.required(predefined, "PredefinedMetricType");
            if (!type.equals("SageMakerVariantInvocationsPerInstance")) {
                throw AwsException.validation("Unsupported PredefinedMetricType '" + type
                        + "' (the local cloud supports SageMakerVariantInvocationsPerInstance)");
            }
        }
        for (String cooldown : List.of("ScaleInCooldown", "ScaleOutCooldown")) {
            if (config.has(cooldown) && (!config.get(cooldown).isNumber() || config.get(cooldown).asInt() < 0)) {
                throw AwsException.validation(cooldown + " must be a number of seconds >= 0");
            }
        }
        return config;
    }

    private static JsonNode stepScaling(ObjectNode body) {
        JsonNode config = body.get("StepScalingPolicyConfiguration");
        if (config == null || !config.isObject()) {
            throw AwsException.validation("StepScalingPolicyConfiguration is required for a StepScaling policy");
        }
        String adjustment = config.path("AdjustmentType").asText("");
        if (!Set.of("ChangeInCapacity", "ExactCapacity", "PercentChangeInCapacity").contains(adjustment)) {
            throw AwsException.validation("StepScalingPolicyConfiguration.AdjustmentType must be ChangeInCapacity, ExactCapacity"
                    + " or PercentChangeInCapacity");
        }
        JsonNode steps = config.path("StepAdjustments");
        if (!steps.isArray() || steps.isEmpty()) {
            throw AwsException.validation("StepScalingPolicyConfiguration.StepAdjustments must hold at least one step");
        }
        for (JsonNode step : steps) {
            if (!step.path("ScalingAdjustment").isNumber()) {
                throw AwsException.validation("Every step adjustment needs a ScalingAdjustment");
            }
        }
        return config;
    }

    private ObjectNode describePolicies(ObjectNode body) {
        String namespace = Json.required(body, "ServiceNamespace");
        Set<String> names = strings(body, "PolicyNames");
        String resourceId = body.path("ResourceId").asText(null);
        String dimension = body.path("ScalableDimension").asText(null);
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode out = result.putArray("ScalingPolicies");
        for (ObjectNode p : targets.policies()) {
            if (namespace.equals(p.path("ServiceNamespace").asText())
                    && (names.isEmpty() || names.contains(p.path("PolicyName").asText()))
                    && (resourceId == null || resourceId.equals(p.path("ResourceId").asText()))
                    && (dimension == null || dimension.equals(p.path("ScalableDimension").asText()))) {
                ObjectNode shown = p.deepCopy();
                // Target tracking's own alarms and any alarm whose action is the policy (a step policy's trigger).
                putAlarms(shown, alarms.withAction(p.path("PolicyARN").asText()));
                out.add(shown);
            }
        }
        return result;
    }

    /**
     * AlarmHigh and AlarmLow of a target-tracking policy as Application Auto Scaling creates them: on the tracked
     * metric, one-minute periods, high above the target for 3 periods, low under 90% of it for 15 (none when scale-in
     * is disabled), their action the policy.
     */
    private List<ServiceAlarms.Named> trackingAlarms(String arn, String resourceId, JsonNode config) {
        ObjectNode metric = Json.MAPPER.createObjectNode();
        JsonNode custom = config.get("CustomizedMetricSpecification");
        if (custom != null) {
            metric.put("Namespace", custom.path("Namespace").asText());
            metric.put("MetricName", custom.path("MetricName").asText());
            metric.put("Statistic", custom.path("Statistic").asText());
            metric.set("Dimensions", custom.has("Dimensions") ? custom.get("Dimensions") : Json.MAPPER.createArrayNode());
            if (custom.hasNonNull("Unit")) {
                metric.put("Unit", custom.get("Unit").asText());
            }
        } else {
            ScalingTargets.Variant variant = ScalingTargets.Variant.parse(resourceId);
            metric.put("Namespace", "AWS/SageMaker");
            metric.put("MetricName", "InvocationsPerInstance");
            metric.put("Statistic", "Sum");
            ArrayNode dims = metric.putArray("Dimensions");
            dims.addObject().put("Name", "EndpointName").put("Value", variant.endpoint());
            dims.addObject().put("Name", "VariantName").put("Value", variant.variant());
        }
        double target = config.path("TargetValue").asDouble();
        List<ServiceAlarms.Named> out = new ArrayList<>();
        out.add(alarms.put(trackingAlarm(metric, arn, "TargetTracking-" + resourceId + "-AlarmHigh-" + UUID.randomUUID(),
                "GreaterThanThreshold", target, 3)));
        if (!config.path("DisableScaleIn").asBoolean(false)) {
            out.add(alarms.put(trackingAlarm(metric, arn, "TargetTracking-" + resourceId + "-AlarmLow-" + UUID.randomUUID(),
                    "LessThanThreshold", target * 0.9, 15)));
        }
        return out;
    }

    private static ObjectNode trackingAlarm(ObjectNode metric, String arn, String name, String comparison, double threshold,
                                            int periods) {
        ObjectNode a = metric.deepCopy();
        a.put("AlarmName", name);
        a.put("AlarmDescription", "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + arn + ".");
        a.putArray("AlarmActions").add(arn);
        a.put("ComparisonOperator", comparison);
        a.put("Threshold", threshold);
        a.put("Period", 60);
        a.put("EvaluationPeriods", periods);
        a.put("DatapointsToAlarm", periods);
        return a;
    }

    /** Removes the alarms this service created for the policy (a step policy's alarms are the user's; they stay). */
    private void dropTrackingAlarms(String arn) {
        for (ServiceAlarms.Named a : alarms.withAction(arn)) {
            if (a.name().startsWith("TargetTracking-")) {
                alarms.delete(a.name());
            }
        }
    }

    private static void putAlarms(ObjectNode node, List<ServiceAlarms.Named> list) {
        ArrayNode out = node.putArray("Alarms");
        for (ServiceAlarms.Named a : list) {
            out.addObject().put("AlarmName", a.name()).put("AlarmARN", a.arn());
        }
    }

    private ObjectNode deletePolicy(ObjectNode body) {
        String name = Json.required(body, "PolicyName");
        String namespace = Json.required(body, "ServiceNamespace");
        String resourceId = Json.required(body, "ResourceId");
        String dimension = Json.required(body, "ScalableDimension");
        String id = ScalingTargets.policyId(namespace, resourceId, dimension, name);
        state.get(ScalingTargets.POLICY, id).ifPresent(p -> dropTrackingAlarms(p.path("PolicyARN").asText()));
        if (!state.delete(ScalingTargets.POLICY, id)) {
            throw new AwsException(400, "ObjectNotFoundException", "No scaling policy found for service namespace: " + namespace
                    + ", resource ID: " + resourceId + ", scalable dimension: " + dimension + ", policy name: " + name);
        }
        return Json.MAPPER.createObjectNode();
    }

    private static int capacity(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw AwsException.validation(field + " must be a whole number >= 0, got " + value);
        }
        return value.asInt();
    }

    private static Set<String> strings(JsonNode body, String field) {
        Set<String> out = new HashSet<>();
        body.path(field).forEach(v -> out.add(v.asText()));
        return out;
    }
}
