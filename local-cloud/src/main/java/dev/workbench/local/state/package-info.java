/** Durable state of the control planes and metrics, in SQLite under the data directory. */
@NullMarked
package dev.workbench.local.state;

import org.jspecify.annotations.NullMarked;
