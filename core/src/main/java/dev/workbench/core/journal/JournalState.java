package dev.workbench.core.journal;

/** Where a journaled batch is. */
public enum JournalState {
    /** Recorded just before InvokeEndpointAsync; locations not known yet. */
    SUBMITTING,
    /** Invoked; the output and failure locations SageMaker returned are recorded. */
    SUBMITTED,
    /** Output read; the rows are kept in the journal until the job hands them out. */
    COLLECTED,
    /** Failure read; the message is recorded. */
    FAILED,
    /** The job was cancelled; nobody will collect this batch. */
    CANCELLED;

    public boolean open() {
        return this == SUBMITTING || this == SUBMITTED;
    }
}
