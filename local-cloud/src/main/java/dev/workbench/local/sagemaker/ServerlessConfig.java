package dev.workbench.local.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.http.AwsException;
import org.jspecify.annotations.Nullable;

/**
 * A production variant's ServerlessConfig, checked as SageMaker checks it: MemorySizeInMB 1024..6144 in steps of
 * 1024, MaxConcurrency 1..200, ProvisionedConcurrency 1..200 and at most MaxConcurrency.
 */
record ServerlessConfig(int memoryMb, int maxConcurrency, @Nullable Integer provisionedConcurrency) {

    /** The variant's config, or null when it is instance-based. */
    static @Nullable ServerlessConfig of(JsonNode variant) {
        JsonNode node = variant.get("ServerlessConfig");
        if (node == null || node.isNull()) {
            return null;
        }
        int memory = required(node, "MemorySizeInMB");
        int max = required(node, "MaxConcurrency");
        range(memory, "memorySizeInMB", 1024, 6144);
        if (memory % 1024 != 0) {
            throw AwsException.validation("Value '" + memory + "' at 'productionVariants.member.serverlessConfig.memorySizeInMB'"
                    + " is not a supported memory size: choose 1024, 2048, 3072, 4096, 5120 or 6144 MB.");
        }
        range(max, "maxConcurrency", 1, 200);
        Integer provisioned = null;
        if (node.has("ProvisionedConcurrency") && !node.get("ProvisionedConcurrency").isNull()) {
            provisioned = node.get("ProvisionedConcurrency").asInt();
            range(provisioned, "provisionedConcurrency", 1, 200);
            if (provisioned > max) {
                throw AwsException.validation("ProvisionedConcurrency (" + provisioned + ") must be less than or equal to"
                        + " MaxConcurrency (" + max + ") for production variant "
                        + variant.path("VariantName").asText() + ".");
            }
        }
        return new ServerlessConfig(memory, max, provisioned);
    }

    private static int required(JsonNode node, String member) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull() || !value.canConvertToInt()) {
            throw AwsException.validation("1 validation error detected: Value null at 'productionVariants.member.serverlessConfig."
                    + Json.lowerFirst(member) + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asInt();
    }

    private static void range(int value, String member, int min, int max) {
        if (value < min || value > max) {
            throw AwsException.validation("1 validation error detected: Value '" + value + "' at 'productionVariants.member."
                    + "serverlessConfig." + member + "' failed to satisfy constraint: Member must have value "
                    + (value < min ? "greater than or equal to " + min : "less than or equal to " + max));
        }
    }

    /** Instances kept warm whatever the traffic. */
    int warm() {
        return provisionedConcurrency == null ? 0 : provisionedConcurrency;
    }

    ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("MemorySizeInMB", memoryMb);
        out.put("MaxConcurrency", maxConcurrency);
        if (provisionedConcurrency != null) {
            out.put("ProvisionedConcurrency", provisionedConcurrency);
        }
        return out;
    }
}
