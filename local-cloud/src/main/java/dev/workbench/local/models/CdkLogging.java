package dev.workbench.local.models;

import org.openscience.cdk.tools.ILoggingTool;
import org.openscience.cdk.tools.LoggingToolFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes CDK's own logging to slf4j. Without it CDK prints to stderr, and the 3D builder alone writes
 * hundreds of "unknown distance key" warnings per batch. Those are expected for a template-based
 * builder, and what matters reaches the user as the row's result or inference_error, so everything CDK
 * says is logged at TRACE.
 */
public final class CdkLogging implements ILoggingTool {

    private static volatile boolean installed;

    private final Logger logger;
    private int level = WARN;

    private CdkLogging(Class<?> source) {
        this.logger = LoggerFactory.getLogger(source);
    }

    /** Called reflectively by CDK's {@link LoggingToolFactory}. */
    public static ILoggingTool create(Class<?> source) {
        return new CdkLogging(source);
    }

    /**
     * Makes CDK classes initialised from now on log through slf4j. Call before touching CDK: loggers are
     * created once per CDK class, when the class initialises.
     */
    static void install() {
        if (!installed) {
            synchronized (CdkLogging.class) {
                if (!installed) {
                    LoggingToolFactory.setLoggingToolClass(CdkLogging.class);
                    installed = true;
                }
            }
        }
    }

    private static String text(Object message, Object... more) {
        StringBuilder text = new StringBuilder(String.valueOf(message));
        for (Object part : more) {
            text.append(part);
        }
        return text.toString();
    }

    @Override
    public void dumpSystemProperties() {
    }

    @Override
    public void setStackLength(int length) {
    }

    @Override
    public void dumpClasspath() {
    }

    @Override
    public void debug(Object message) {
        if (logger.isTraceEnabled()) {
            logger.trace(String.valueOf(message));
        }
    }

    @Override
    public void debug(Object message, Object... more) {
        if (logger.isTraceEnabled()) {
            logger.trace(text(message, more));
        }
    }

    @Override
    public void info(Object message) {
        debug(message);
    }

    @Override
    public void info(Object message, Object... more) {
        debug(message, more);
    }

    @Override
    public void warn(Object message) {
        debug(message);
    }

    @Override
    public void warn(Object message, Object... more) {
        debug(message, more);
    }

    @Override
    public void error(Object message) {
        warn(message);
    }

    @Override
    public void error(Object message, Object... more) {
        warn(message, more);
    }

    @Override
    public void fatal(Object message) {
        warn(message);
    }

    @Override
    public boolean isDebugEnabled() {
        return logger.isTraceEnabled();
    }

    @Override
    public void setLevel(int level) {
        this.level = level;
    }

    @Override
    public int getLevel() {
        return level;
    }
}
