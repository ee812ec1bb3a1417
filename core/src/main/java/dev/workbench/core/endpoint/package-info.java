/** EndpointCore: routing sync/async, describe, delete, and the Workbench meta tag codec. */
@NullMarked
package dev.workbench.core.endpoint;

import org.jspecify.annotations.NullMarked;
