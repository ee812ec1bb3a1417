/**
 * The scripting face of Workbench: one {@link dev.workbench.dsl.Workbench} connection from which a Java, Kotlin
 * or JShell script lists, deploys and calls endpoints.
 *
 * <pre>{@code
 * try (Workbench wb = Workbench.local()) {
 *   wb.registerDemoModels();
 *   Endpoint ep = wb.deploy("smiles-descriptors", d -> d.maxInstances(1));
 *   Frame out = ep.inference(wb.csv("examples/molecules.csv"));
 * }
 * }</pre>
 */
@NullMarked
package dev.workbench.dsl;

import org.jspecify.annotations.NullMarked;
