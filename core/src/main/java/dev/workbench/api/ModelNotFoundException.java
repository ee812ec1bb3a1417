package dev.workbench.api;

/** The SageMaker model does not exist. */
public class ModelNotFoundException extends WorkbenchException {
  private final String modelName;

  public ModelNotFoundException(String modelName) {
    super("Model '" + modelName + "' not found");
    this.modelName = modelName;
  }

  public String modelName() {
    return modelName;
  }
}
