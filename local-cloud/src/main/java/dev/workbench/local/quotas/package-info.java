/**
 * Service Quotas on the shared port (JSON 1.1, {@code X-Amz-Target: ServiceQuotasV20190624.<Op>}): the SageMaker
 * quotas the local cloud was configured with, for clients that check a deploy against them.
 */
@NullMarked
package dev.workbench.local.quotas;

import org.jspecify.annotations.NullMarked;
