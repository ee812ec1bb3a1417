package dev.workbench.local.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.local.http.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The length constraints of Application Auto Scaling's service model (ResourceIdMaxLen1600, PolicyName 1..256 and
 * printable, lists of at most 50), checked before anything else and reported as the service's validation layer does:
 * {@code N validation error(s) detected: Value '...' at 'field' failed to satisfy constraint: ...}.
 */
final class Lengths {
    private static final int ID_MAX = 1600;
    private static final int LIST_MAX = 50;
    private static final Pattern PRINTABLE = Pattern.compile("\\p{Print}+");

    /** Per operation: string fields with their {min, max}. */
    private static final Map<String, Map<String, int[]>> STRINGS = Map.of(
            "RegisterScalableTarget", Map.of("ResourceId", id(), "RoleARN", id()),
            "DeregisterScalableTarget", Map.of("ResourceId", id()),
            "PutScalingPolicy", Map.of("ResourceId", id(), "PolicyName", new int[] {1, 256}),
            "DeleteScalingPolicy", Map.of("ResourceId", id(), "PolicyName", id()),
            "DescribeScalingPolicies", Map.of("ResourceId", id()),
            "DescribeScalingActivities", Map.of("ResourceId", id()));
    /** Per operation: list fields whose members are ResourceIdMaxLen1600, at most {@link #LIST_MAX} of them. */
    private static final Map<String, List<String>> LISTS = Map.of(
            "DescribeScalableTargets", List.of("ResourceIds"),
            "DescribeScalingPolicies", List.of("PolicyNames"));

    private Lengths() {
    }

    private static int[] id() {
        return new int[] {1, ID_MAX};
    }

    static void check(String operation, JsonNode body) {
        List<String> errors = new ArrayList<>();
        STRINGS.getOrDefault(operation, Map.of()).forEach((field, range) -> {
            JsonNode v = body.get(field);
            if (v != null && v.isTextual()) {
                length(errors, field, v.asText(), range[0], range[1]);
                if (operation.equals("PutScalingPolicy") && field.equals("PolicyName") && !v.asText().isEmpty()
                        && !PRINTABLE.matcher(v.asText()).matches()) {
                    errors.add("Value '" + v.asText() + "' at 'policyName' failed to satisfy constraint: Member must"
                            + " satisfy regular expression pattern: \\p{Print}+");
                }
            }
        });
        for (String field : LISTS.getOrDefault(operation, List.of())) {
            JsonNode list = body.get(field);
            if (list == null || !list.isArray()) {
                continue;
            }
            if (list.size() > LIST_MAX) {
                errors.add("Value '" + list + "' at '" + lowerFirst(field) + "' failed to satisfy constraint: Member must"
                        + " have length less than or equal to " + LIST_MAX);
            }
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).isTextual()) {
                    length(errors, field + "." + (i + 1), list.get(i).asText(), 1, ID_MAX);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw AwsException.validation(errors.size() + " validation error" + (errors.size() == 1 ? "" : "s")
                    + " detected: " + String.join("; ", errors));
        }
    }

    private static void length(List<String> errors, String field, String value, int min, int max) {
        int n = value.codePointCount(0, value.length());
        if (n < min) {
            errors.add("Value '" + value + "' at '" + lowerFirst(field) + "' failed to satisfy constraint: Member must have"
                    + " length greater than or equal to " + min);
        } else if (n > max) {
            errors.add("Value '" + value + "' at '" + lowerFirst(field) + "' failed to satisfy constraint: Member must have"
                    + " length less than or equal to " + max);
        }
    }

    private static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
