package dev.workbench.core.capture;

/**
 * Where Workbench keeps an inference capture: {@code s3://<bucket>/endpoints/<endpoint>/inference/<capture>/} with
 * {@code inference_meta.json}, {@code inference_metrics.csv}, {@code inference_predictions.csv} and, for
 * classifiers, {@code inference_cm.csv} (Workbench's EndpointCore: {@code endpoint_inference_path} and
 * {@code _capture_inference_results}; ModelCore's readers use the same names).
 */
public final class CaptureLayout {
  public static final String META = "inference_meta.json";
  public static final String METRICS = "inference_metrics.csv";
  public static final String PREDICTIONS = "inference_predictions.csv";
  public static final String CONFUSION_MATRIX = "inference_cm.csv";

  private CaptureLayout() {}

  /** The endpoint's inference folder, ending in "/". */
  public static String inferenceFolder(String endpoint) {
    return "endpoints/" + endpoint + "/inference/";
  }

  public static String captureFolder(String endpoint, String capture) {
    return inferenceFolder(endpoint) + capture + "/";
  }

  /** Python's {@code str.title()} of the name with "_" as spaces: Workbench's description of a capture. */
  public static String description(String capture) {
    String spaced = capture.replace('_', ' ');
    StringBuilder out = new StringBuilder(spaced.length());
    boolean previousCased = false;
    for (int i = 0; i < spaced.length(); i++) {
      char c = spaced.charAt(i);
      out.append(previousCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
      previousCased = Character.isLetter(c);
    }
    return out.toString();
  }
}
