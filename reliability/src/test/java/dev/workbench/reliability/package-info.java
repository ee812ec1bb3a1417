/** Reliability and security tests: faults survived, bad input refused clearly, nothing lost, nobody let in. */
@NullMarked
package dev.workbench.reliability;

import org.jspecify.annotations.NullMarked;
