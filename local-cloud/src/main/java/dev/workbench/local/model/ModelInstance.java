package dev.workbench.local.model;

/** A loaded model. Must be safe to call from several threads at once. */
public interface ModelInstance extends AutoCloseable {

    /** Answers one invocation; throws {@link ModelFailure} when the model itself fails. */
    ModelOutput invoke(ModelInput input);

    @Override
    default void close() {
    }
}
