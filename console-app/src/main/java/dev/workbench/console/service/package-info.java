@NullMarked
package dev.workbench.console.service;

import org.jspecify.annotations.NullMarked;
