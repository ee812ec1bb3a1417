package dev.workbench.local.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.http.AwsException;
import dev.workbench.local.spi.StateStore;
import java.util.List;
import java.util.Optional;

/** Where scalable targets and policies are kept, and the few rules about their identifiers. */
final class ScalingTargets {

    static final String TARGET = "autoscaling.target";
    static final String POLICY = "autoscaling.policy";
    static final String NAMESPACE = "sagemaker";
    static final String DIMENSION = "sagemaker:variant:DesiredInstanceCount";

    /** An endpoint variant named by a ResourceId {@code endpoint/<endpoint>/variant/<variant>}. */
    record Variant(String endpoint, String variant) {
        static Variant parse(String resourceId) {
            String[] parts = resourceId.split("/");
            if (parts.length != 4 || !parts[0].equals("endpoint") || !parts[2].equals("variant")
                    || parts[1].isEmpty() || parts[3].isEmpty()) {
                throw AwsException.validation("Unsupported resource ID '" + resourceId
                        + "': SageMaker resource IDs look like endpoint/<endpoint-name>/variant/<variant-name>");
            }
            return new Variant(parts[1], parts[3]);
        }
    }

    private final StateStore state;

    ScalingTargets(StateStore state) {
        this.state = state;
    }

    static String targetId(String namespace, String resourceId, String dimension) {
        return namespace + "|" + resourceId + "|" + dimension;
    }

    static String policyId(String namespace, String resourceId, String dimension, String name) {
        return targetId(namespace, resourceId, dimension) + "|" + name;
    }

    static void checkNamespaceAndDimension(String namespace, String dimension) {
        if (!NAMESPACE.equals(namespace)) {
            throw AwsException.validation("The local cloud scales only the service namespace 'sagemaker', not '" + namespace + "'");
        }
        if (!DIMENSION.equals(dimension)) {
            throw AwsException.validation("Unsupported scalable dimension '" + dimension + "' (expected " + DIMENSION + ")");
        }
    }

    Optional<ObjectNode> target(String namespace, String resourceId, String dimension) {
        return state.get(TARGET, targetId(namespace, resourceId, dimension));
    }

    ObjectNode requireTarget(String namespace, String resourceId, String dimension) {
        return target(namespace, resourceId, dimension).orElseThrow(() -> new AwsException(400, "ObjectNotFoundException",
                "No scalable target registered for service namespace: " + namespace + ", resource ID: " + resourceId
                        + ", scalable dimension: " + dimension));
    }

    List<ObjectNode> targets() {
        return state.list(TARGET);
    }

    List<ObjectNode> policies() {
        return state.list(POLICY);
    }

    Optional<ObjectNode> policyByArn(String arn) {
        return policies().stream().filter(p -> arn.equals(p.path("PolicyARN").asText())).findFirst();
    }

    Optional<ObjectNode> targetOf(JsonNode policy) {
        return target(policy.path("ServiceNamespace").asText(), policy.path("ResourceId").asText(),
                policy.path("ScalableDimension").asText());
    }
}
