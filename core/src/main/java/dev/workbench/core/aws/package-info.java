/** Builds the AWS SDK clients in one place from a CloudSettings. */
@NullMarked
package dev.workbench.core.aws;

import org.jspecify.annotations.NullMarked;
