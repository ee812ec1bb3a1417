@NullMarked
package dev.workbench.local.http;

import org.jspecify.annotations.NullMarked;
