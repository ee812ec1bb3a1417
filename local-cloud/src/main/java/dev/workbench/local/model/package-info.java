@NullMarked
package dev.workbench.local.model;

import org.jspecify.annotations.NullMarked;
