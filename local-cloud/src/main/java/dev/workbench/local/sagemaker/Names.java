package dev.workbench.local.sagemaker;

import dev.workbench.local.http.AwsException;
import java.util.Locale;
import java.util.regex.Pattern;

/** SageMaker resource names and ARNs. */
final class Names {

    static final String PATTERN = "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}";
    private static final Pattern NAME = Pattern.compile(PATTERN);

    private final String region;
    private final String accountId;

    Names(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    /** {@code arn:aws:sagemaker:<region>:<account>:<type>/<lowercased-name>}. */
    String arn(String type, String name) {
        return "arn:aws:sagemaker:" + region + ":" + accountId + ":" + type + "/" + name.toLowerCase(Locale.ROOT);
    }

    String accountId() {
        return accountId;
    }

    /** Rejects names SageMaker rejects, with its validation wording; member is e.g. {@code endpointName}. */
    static String check(String member, String name) {
        if (!NAME.matcher(name).matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + name + "' at '" + member
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + PATTERN);
        }
        return name;
    }

    /** State ids are case-insensitive in SageMaker: "MyModel" and "mymodel" are the same resource. */
    static String id(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
