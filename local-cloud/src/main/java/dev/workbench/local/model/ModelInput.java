package dev.workbench.local.model;

/** The invocation payload exactly as the client sent it. */
public record ModelInput(byte[] body, String contentType, String accept) {
}
