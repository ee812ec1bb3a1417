/** A JUnit 5 extension that starts a local cloud for other modules' tests. */
@NullMarked
package dev.workbench.local.junit;

import org.jspecify.annotations.NullMarked;
