@NullMarked
package dev.workbench.console;

import org.jspecify.annotations.NullMarked;
