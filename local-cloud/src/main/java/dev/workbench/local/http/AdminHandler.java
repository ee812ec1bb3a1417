package dev.workbench.local.http;

/**
 * The local cloud's own paths under {@code /_local/} (fault settings, counters, health). The server only
 * listens on the loopback interface, so only this machine can reach them.
 */
@FunctionalInterface
public interface AdminHandler {

    AwsResponse handle(String method, String path, byte[] body);
}
