package dev.workbench.local.sagemaker;

import dev.workbench.local.runtime.RunningModel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** One running endpoint instance: a started model plus how many invocations it is serving now. */
final class Instance {

    final String id;
    final RunningModel model;
    final AtomicInteger inFlight = new AtomicInteger();
    /** Set when scale-in removed it: it stops as soon as its last invocation ends. */
    final AtomicBoolean retired = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();

    Instance(String id, RunningModel model) {
        this.id = id;
        this.model = model;
    }

    /** Stops the model once; later calls do nothing. */
    boolean stop() {
        if (stopped.compareAndSet(false, true)) {
            model.close();
            return true;
        }
        return false;
    }

    boolean isStopped() {
        return stopped.get();
    }

    void markStopped() {
        stopped.set(true);
    }
}
