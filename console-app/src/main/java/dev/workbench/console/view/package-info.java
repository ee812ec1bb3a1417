@NullMarked
package dev.workbench.console.view;

import org.jspecify.annotations.NullMarked;
