/** The SQLite journal of submitted async batches, so a re-run after a crash collects work already paid for. */
@NullMarked
package dev.workbench.core.journal;

import org.jspecify.annotations.NullMarked;
