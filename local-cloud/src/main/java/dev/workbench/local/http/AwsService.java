package dev.workbench.local.http;

/**
 * A service mounted on the shared port, chosen by the SigV4 credential scope's service name.
 * Implementations throw {@link AwsException} for client errors.
 */
public interface AwsService {

    /** The SigV4 signing name this service answers to, e.g. {@code sagemaker}. */
    String signingName();

    AwsResponse handle(AwsRequest request);
}
