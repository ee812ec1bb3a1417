/** Seeded fault injection, set per run from a file or at run time. */
@NullMarked
package dev.workbench.local.faults;

import org.jspecify.annotations.NullMarked;
