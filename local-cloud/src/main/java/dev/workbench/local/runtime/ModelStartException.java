package dev.workbench.local.runtime;

/** An instance could not be started; the message is the endpoint's FailureReason. */
public final class ModelStartException extends RuntimeException {

    public ModelStartException(String message) {
        super(message);
    }

    public ModelStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
