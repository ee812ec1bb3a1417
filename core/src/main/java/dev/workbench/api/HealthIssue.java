package dev.workbench.api;

/**
 * One health problem of an endpoint. Codes are Workbench's where it has one ({@code no_config}, {@code 5xx_errors}
 * for more than 5 server errors, {@code 5xx_errors_min} for 1 to 5, {@code no_activity}), plus {@code failed} (status
 * Failed, the reason in {@code detail}) and {@code stuck_creating} / {@code stuck_updating}.
 */
public record HealthIssue(String code, String detail) {
  public static final String NO_CONFIG = "no_config";
  public static final String ERRORS = "5xx_errors";
  public static final String ERRORS_MIN = "5xx_errors_min";
  public static final String NO_ACTIVITY = "no_activity";
  public static final String FAILED = "failed";
  public static final String STUCK_CREATING = "stuck_creating";
  public static final String STUCK_UPDATING = "stuck_updating";
}
