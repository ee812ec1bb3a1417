@NullMarked
package dev.workbench.console.viewmodel;

import org.jspecify.annotations.NullMarked;
