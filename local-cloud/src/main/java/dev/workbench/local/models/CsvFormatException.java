package dev.workbench.local.models;

/** The text is not well-formed CSV; the message names the line. */
public final class CsvFormatException extends IllegalArgumentException {

    public CsvFormatException(String message) {
        super(message);
    }
}
