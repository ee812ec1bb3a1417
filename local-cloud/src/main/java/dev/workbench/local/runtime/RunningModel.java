package dev.workbench.local.runtime;

import dev.workbench.local.model.ModelInput;
import dev.workbench.local.model.ModelOutput;

/** One started model instance: an in-process LocalModel or a container process. */
public interface RunningModel extends AutoCloseable {

    /** Answers one invocation; throws {@link dev.workbench.local.model.ModelFailure} when the model fails. */
    ModelOutput invoke(ModelInput input);

    /** Where the instance's output goes (the log stream of the instance), for error messages. */
    String logName();

    /** Stops the instance and releases what it holds. */
    @Override
    void close();
}
