/** Reads an endpoint's data-capture records back as a Frame. */
@NullMarked
package dev.workbench.core.capture;

import org.jspecify.annotations.NullMarked;
