/** Model runtimes behind an endpoint instance: in-process LocalModels and command containers. */
@NullMarked
package dev.workbench.local.runtime;

import org.jspecify.annotations.NullMarked;
