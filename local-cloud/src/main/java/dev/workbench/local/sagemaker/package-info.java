/** The SageMaker control plane and runtime: models, endpoint configs, endpoints, invocations, scaling. */
@NullMarked
package dev.workbench.local.sagemaker;

import org.jspecify.annotations.NullMarked;
