/** The {@code workbench} command line (picocli), built on {@link dev.workbench.dsl.Workbench}. */
@NullMarked
package dev.workbench.cli;

import org.jspecify.annotations.NullMarked;
