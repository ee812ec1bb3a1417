package dev.workbench.core.sync;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

/** How the sync round trip treats a failed InvokeEndpoint. */
enum InvocationOutcome {
  /** The model refused the payload (ModelError, 424): bisect to find the bad rows. */
  MODEL_ERROR,
  /**
   * No answer within the invocation timeout (the client's, or the service's own limit): split the batch
   * wide, so the slow rows are found in few rounds of the timeout.
   */
  TIMEOUT,
  /** Throttling (429), a 5xx, or the connection failed: retry after a backoff. */
  RETRY,
  /** The endpoint is gone: the whole job fails. */
  ENDPOINT_MISSING,
  /** Any other client error: the rows fail with its message. */
  ROWS_FAIL;

  static InvocationOutcome of(SdkException e) {
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return TIMEOUT;
    }
    if (e instanceof ModelErrorException me) {
      // SageMaker: "Your invocation timed out while waiting for a response from container ..."; local-cloud: 408.
      Integer original = me.originalStatusCode();
      return (original != null && original == 408) || message(e).contains("timed out while waiting for a response")
          ? TIMEOUT : MODEL_ERROR;
    }
    if (e instanceof AwsServiceException ase) {
      int status = ase.statusCode();
      if (status == 424) {
        return MODEL_ERROR;
      }
      if (status == 429 || status >= 500 || ase.isThrottlingException()) {
        return RETRY;
      }
      String message = String.valueOf(ase.awsErrorDetails() == null ? ase.getMessage() : ase.awsErrorDetails().errorMessage());
      if (status == 400 && message.contains("not found")) {
        return ENDPOINT_MISSING;
      }
      return ROWS_FAIL;
    }
    if (e instanceof SdkClientException) {
      return RETRY;
    }
    return ROWS_FAIL;
  }

  /** The message to put in a row's inference_error: the model's own words when it gave them. */
  static String message(SdkException e) {
    if (e instanceof ModelErrorException me) {
      String original = me.originalMessage();
      if (original != null && !original.isBlank()) {
        return original;
      }
    }
    if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
        && ase.awsErrorDetails().errorMessage() != null) {
      return ase.awsErrorDetails().errorMessage();
    }
    return String.valueOf(e.getMessage());
  }
}
