package dev.workbench.local.model;

/**
 * A model that runs in-process. Found through {@link java.util.ServiceLoader}; a SageMaker model whose
 * container image is {@code local/<name>} is served by the LocalModel of that name.
 */
public interface LocalModel {

    /** The name in the image reference {@code local/<name>}. */
    String name();

    /** One line for listings. */
    String description();

    /** Loads one instance of the model (one per endpoint instance). */
    ModelInstance load(ModelContext context);
}
