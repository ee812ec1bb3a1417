/**
 * The bundled in-process models ({@code local/smiles-descriptors}, {@code local/smiles-to-3d},
 * {@code local/latency}, {@code local/esol-solubility}) and the small CSV codec they share.
 */
@NullMarked
package dev.workbench.local.models;

import org.jspecify.annotations.NullMarked;
