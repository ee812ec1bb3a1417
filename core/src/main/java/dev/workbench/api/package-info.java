/**
 * The public API of Workbench endpoints on the JVM: {@link dev.workbench.api.Endpoint}, {@link dev.workbench.api.Model},
 * {@link dev.workbench.api.Cloud}, {@link dev.workbench.api.InferenceJob} and the values they return.
 */
@NullMarked
package dev.workbench.api;

import org.jspecify.annotations.NullMarked;
