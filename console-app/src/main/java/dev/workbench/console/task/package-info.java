@NullMarked
package dev.workbench.console.task;

import org.jspecify.annotations.NullMarked;
