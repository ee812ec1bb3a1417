/** S3 through the real s3proxy on a filesystem blob store, and the emulator's own view of those objects. */
@NullMarked
package dev.workbench.local.s3;

import org.jspecify.annotations.NullMarked;
