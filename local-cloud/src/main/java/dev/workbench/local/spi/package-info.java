@NullMarked
package dev.workbench.local.spi;

import org.jspecify.annotations.NullMarked;
