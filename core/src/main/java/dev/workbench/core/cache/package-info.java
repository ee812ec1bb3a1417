/**
 * Storage of {@link dev.workbench.api.InferenceCache}: model outputs per key in an SQLite file (WAL, busy
 * timeout, immediate write transactions) that several processes can share.
 */
@NullMarked
package dev.workbench.core.cache;

import org.jspecify.annotations.NullMarked;
