package dev.workbench.api;

/** A running {@link Endpoint#followLogs}: close it to stop; lines keep arriving on its own thread until then. */
public interface LogFollow extends AutoCloseable {

  /** True until closed (or the endpoint's log group could not be read any more). */
  boolean isRunning();

  @Override
  void close();
}
