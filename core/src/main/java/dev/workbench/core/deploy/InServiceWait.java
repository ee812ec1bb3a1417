package dev.workbench.core.deploy;

import dev.workbench.api.DeployException;
import java.time.Duration;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/** Waits for an endpoint being created or updated to be InService, reporting each status it passes through. */
final class InServiceWait {
  /** SageMaker endpoints usually take minutes; give up after this. */
  static final Duration TIMEOUT = Duration.ofMinutes(45);

  private InServiceWait() {}

  /**
   * The InService description; a terminal status (Failed, ...) or the timeout is a DeployException. An update's
   * RollingBack is waited out: SageMaker ends it InService on the old config.
   */
  static DescribeEndpointResponse await(SageMakerClient sm, String endpoint, DeployProgressEmitter progress) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    long pauseMs = 100;
    String last = "";
    while (true) {
      DescribeEndpointResponse ep = sm.describeEndpoint(b -> b.endpointName(endpoint));
      String status = ep.endpointStatusAsString();
      if (!status.equals(last)) {
        progress.emit(status, "endpoint " + endpoint + " is " + status);
        last = status;
      }
      switch (status) {
        case "InService" -> {
          return ep;
        }
        case "Failed", "OutOfService", "UpdateRollbackFailed", "Deleting" -> throw new DeployException(
            endpoint, "Endpoint '" + endpoint + "' is " + status
                + (ep.failureReason() == null ? "" : ": " + ep.failureReason()));
        default -> {
          // Creating / Updating / RollingBack: keep waiting
        }
      }
      if (System.nanoTime() > deadline) {
        throw new DeployException(endpoint, "Endpoint '" + endpoint + "' still " + status + " after " + TIMEOUT);
      }
      try {
        Thread.sleep(pauseMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeployException(endpoint, "Interrupted while waiting for '" + endpoint + "' to be InService", e);
      }
      // Local endpoints are ready in well under a second; SageMaker takes minutes: back off to 15 s.
      pauseMs = Math.min(15_000, pauseMs * 2);
    }
  }
}
