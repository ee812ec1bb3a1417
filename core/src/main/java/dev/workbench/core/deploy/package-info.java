/** Deploys a model to a sync or async endpoint with scale-to-zero autoscaling. */
@NullMarked
package dev.workbench.core.deploy;

import org.jspecify.annotations.NullMarked;
