package dev.workbench.local.model;

/**
 * The model could not answer. A sync invocation gets ModelError (424) with this message and status;
 * an async one gets a failure object holding the message.
 */
public final class ModelFailure extends RuntimeException {
    private final int statusCode;

    public ModelFailure(int statusCode, String message) {
        super(message);
        this.statusCode = statusCode;
    }

    public ModelFailure(String message) {
        this(500, message);
    }

    public int statusCode() {
        return statusCode;
    }
}
