package dev.workbench.local.model;

public record ModelOutput(byte[] body, String contentType) {
}
