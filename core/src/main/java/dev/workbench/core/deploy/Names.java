package dev.workbench.core.deploy;

import java.util.regex.Pattern;

/** SageMaker resource names and the names Workbench derives from an endpoint's. */
public final class Names {
  /** SageMaker's pattern for model, endpoint config and endpoint names. */
  public static final Pattern SAGEMAKER_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
  public static final String VARIANT = "AllTraffic";

  private Names() {}

  /** Throws IllegalArgumentException naming the field when {@code name} is not a valid SageMaker name. */
  public static String check(String field, String name) {
    if (!SAGEMAKER_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(field + " '" + name + "' is not a valid SageMaker name: 1-63 letters, "
          + "digits and hyphens, starting and ending with a letter or digit");
    }
    return name;
  }

  public static String resourceId(String endpoint) {
    return "endpoint/" + endpoint + "/variant/" + VARIANT;
  }

  public static String targetTrackingPolicy(String endpoint) {
    return "workbench-" + endpoint + "-backlog-per-instance";
  }

  /** A sync endpoint's target-tracking policy (invocations per instance or CPU). */
  public static String realtimePolicy(String endpoint) {
    return "workbench-" + endpoint + "-target-tracking";
  }

  /**
   * A new endpoint config for an update: the endpoint's name (cut to fit SageMaker's 63 characters) and a
   * time-ordered suffix, so successive updates never collide.
   */
  public static String updateConfig(String endpoint, long epochMillis) {
    String suffix = "-u" + Long.toString(epochMillis, 36);
    return endpoint.substring(0, Math.min(endpoint.length(), 63 - suffix.length())) + suffix;
  }

  /** True for configs Workbench made for this endpoint (at deploy or by an update), safe to delete when replaced. */
  public static boolean ownConfig(String endpoint, String config) {
    if (config.equals(endpoint)) {
      return true;
    }
    int cut = config.lastIndexOf("-u");
    if (cut <= 0 || !config.substring(cut + 2).matches("[0-9a-z]+")) {
      return false;
    }
    String prefix = config.substring(0, cut);
    // A cut name fills all 63 characters; an uncut one is the endpoint's whole name.
    return prefix.equals(endpoint) || (config.length() == 63 && endpoint.startsWith(prefix));
  }

  public static String stepPolicy(String endpoint) {
    return "workbench-" + endpoint + "-scale-from-zero";
  }

  /** Every CloudWatch alarm Workbench creates for an endpoint starts with this. */
  public static String alarmPrefix(String endpoint) {
    return "workbench-" + endpoint + "-";
  }

  public static String backlogAlarm(String endpoint) {
    return alarmPrefix(endpoint) + "has-backlog-without-capacity";
  }

  public static String prefix(String bucket, String endpoint) {
    return "s3://" + bucket + "/endpoints/" + endpoint + "/";
  }
}
