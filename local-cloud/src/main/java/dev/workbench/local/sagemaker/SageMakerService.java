package dev.workbench.local.sagemaker;

import dev.workbench.local.http.AwsException;
import dev.workbench.local.http.AwsRequest;
import dev.workbench.local.http.AwsResponse;
import dev.workbench.local.http.AwsService;
import dev.workbench.local.spi.CloudContext;
import dev.workbench.local.spi.ScalableVariants;
import java.util.Optional;

/** SageMaker on the shared port: the control plane (JSON 1.1) and the runtime (REST-JSON under /endpoints/). */
public final class SageMakerService implements AwsService, ScalableVariants, AutoCloseable {

    private final CloudContext context;

    public SageMakerService(CloudContext context) {
        this.context = context;
    }

    @Override
    public String signingName() {
        return "sagemaker";
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        String target = request.header("X-Amz-Target").orElse("");
        String op = target.startsWith("SageMaker.") ? target.substring("SageMaker.".length()) : request.method() + " " + request.path();
        throw new AwsException(400, "UnknownOperationException", "Unsupported operation: " + op);
    }

    @Override
    public Optional<VariantCapacity> capacity(String endpointName, String variantName) {
        return Optional.empty();
    }

    @Override
    public void setDesiredInstanceCount(String endpointName, String variantName, int desired) {
    }

    @Override
    public void close() {
    }
}
