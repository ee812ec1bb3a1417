package dev.workbench.api;

/** Every row of an inference failed; {@link #result()} holds them with their {@code inference_error}. */
public class InferenceFailedException extends WorkbenchException {
  private final transient Frame result;

  public InferenceFailedException(String message, Frame result) {
    super(message);
    this.result = result;
  }

  public Frame result() {
    return result;
  }
}
