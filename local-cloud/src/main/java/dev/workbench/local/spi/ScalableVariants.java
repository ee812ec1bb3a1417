package dev.workbench.local.spi;

import java.util.Optional;

/** The endpoint variants that Application Auto Scaling may resize. Implemented by the SageMaker emulation. */
public interface ScalableVariants {

    /** Instance counts now, or empty when the endpoint or variant does not exist. */
    Optional<VariantCapacity> capacity(String endpointName, String variantName);

    /** Sets DesiredInstanceCount; instances start (after the cold-start delay) or stop to match. */
    void setDesiredInstanceCount(String endpointName, String variantName, int desired);

    record VariantCapacity(int current, int desired) {}
}
