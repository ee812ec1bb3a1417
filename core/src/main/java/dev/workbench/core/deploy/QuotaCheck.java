package dev.workbench.core.deploy;

import dev.workbench.api.Cloud;
import dev.workbench.api.DeployException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuota;

/**
 * Refuses an autoscaling maximum above the account's quota of the instance type for endpoint usage (Service Quotas,
 * service code {@code sagemaker}, quota "{@code <type> for endpoint usage}"), before anything is registered: on AWS
 * the fleet would otherwise stop growing at the quota with only a failed scaling activity to say why. A quota that
 * cannot be read (no permission, a service without Service Quotas such as a local cloud) is logged at debug and
 * skipped: it is a courtesy check, not a gate.
 */
final class QuotaCheck {
  private static final Logger LOG = LoggerFactory.getLogger(QuotaCheck.class);

  private final Cloud cloud;

  QuotaCheck(Cloud cloud) {
    this.cloud = cloud;
  }

  void checkMax(String endpoint, String instanceType, int maxInstances) {
    Optional<ServiceQuota> quota = read(instanceType);
    if (quota.isEmpty() || quota.get().value() == null) {
      return;
    }
    double limit = quota.get().value();
    if (maxInstances > limit) {
      throw new DeployException(endpoint, "maxInstances " + maxInstances + " is above this account's quota of "
          + (long) limit + " for '" + quota.get().quotaName() + "' (Service Quotas " + quota.get().quotaCode()
          + " in " + cloud.region() + "): lower maxInstances or request a quota increase");
    }
  }

  Optional<ServiceQuota> read(String instanceType) {
    String name = instanceType + " for endpoint usage";
    try {
      return cloud.quotas().listServiceQuotasPaginator(b -> b.serviceCode("sagemaker")).quotas().stream()
          .filter(q -> name.equalsIgnoreCase(q.quotaName())).findFirst();
    } catch (RuntimeException e) {
      LOG.debug("Quota '{}' not read ({}); maxInstances not checked against it", name, e.toString());
      return Optional.empty();
    }
  }
}
