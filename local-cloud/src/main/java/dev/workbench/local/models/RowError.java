package dev.workbench.local.models;

/** One row could not be computed; the message goes to that row's inference_error. */
final class RowError extends RuntimeException {

    RowError(String message) {
        super(message, null, false, false);
    }
}
