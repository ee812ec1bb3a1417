package dev.workbench.core.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;

/** Reads what SageMaker and Application Auto Scaling mean by their errors. */
public final class AwsErrors {
  private AwsErrors() {}

  /**
   * SageMaker reports a missing endpoint or endpoint config as a ValidationException "Could not find ...";
   * a missing model as ValidationException "Could not find model" or ResourceNotFound; Application Auto Scaling
   * as ObjectNotFoundException.
   */
  public static boolean isNotFound(AwsServiceException e) {
    if (e instanceof ResourceNotFoundException || e.statusCode() == 404) {
      return true;
    }
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    if ("ObjectNotFoundException".equals(code) || "ResourceNotFound".equals(code)
        || "ResourceNotFoundException".equals(code) || "NoSuchKey".equals(code)) {
      return true;
    }
    String message = message(e).toLowerCase(java.util.Locale.ROOT);
    return "ValidationException".equals(code)
        && (message.contains("could not find") || message.contains("not found") || message.contains("does not exist"));
  }

  public static String message(AwsServiceException e) {
    if (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null) {
      return e.awsErrorDetails().errorMessage();
    }
    return String.valueOf(e.getMessage());
  }
}
