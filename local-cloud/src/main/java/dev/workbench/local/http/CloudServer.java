package dev.workbench.local.http;

import jakarta.servlet.http.HttpServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** One Jetty server on 127.0.0.1 with one servlet for every path. */
public final class CloudServer implements AutoCloseable {

    public static final String HOST = "127.0.0.1";

    private final Server server;
    private final ServerConnector connector;

    private CloudServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Starts listening; port 0 picks a free port. */
    public static CloudServer start(int port, HttpServlet servlet) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("local-cloud-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // As s3proxy's own server: S3 keys may hold characters strict URI rules would refuse.
        http.setHttpCompliance(HttpCompliance.LEGACY);
        http.setUriCompliance(UriCompliance.LEGACY);
        http.setSendServerVersion(false);
        // Header values are signed: Jetty must hand them over exactly as sent, not as its cached canonical forms.
        http.setHeaderCacheCaseSensitive(true);
        http.setRequestHeaderSize(16 * 1024);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(HOST);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder("local-cloud", servlet), "/*");
        ErrorHandler contextErrors = new org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler();
        contextErrors.setShowStacks(false);
        contextErrors.setShowCauses(false);
        context.setErrorHandler(contextErrors);
        server.setHandler(context);
        server.setErrorHandler(new BadMessageErrors());
        server.setStopTimeout(2000);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing; the start error is the one to report
            }
            throw new IllegalStateException("Cannot listen on " + HOST + ":" + port + ": " + e.getMessage(), e);
        }
        return new CloudServer(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Stopping the HTTP server failed: " + e.getMessage(), e);
        }
    }
}
