package dev.workbench.core.async;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** Which failures are worth another try: throttling, S3 SlowDown, 5xx, and I/O trouble reaching the service. */
final class Retryable {
    private Retryable() {}

    static boolean test(Throwable error) {
        if (error instanceof AbortedException) {
            return false;
        }
        if (error instanceof SdkServiceException s) {
            int status = s.statusCode();
            if (status == 429 || status >= 500 || s.isThrottlingException()) {
                return true;
            }
            if (s instanceof AwsServiceException a && a.awsErrorDetails() != null) {
                String code = a.awsErrorDetails().errorCode();
                return "SlowDown".equals(code) || "ThrottlingException".equals(code)
                        || "ModelNotReadyException".equals(code) || "ServiceUnavailable".equals(code)
                        || "InternalFailure".equals(code) || "RequestTimeout".equals(code);
            }
            return false;
        }
        return error instanceof SdkClientException && !(error.getCause() instanceof InterruptedException);
    }
}
