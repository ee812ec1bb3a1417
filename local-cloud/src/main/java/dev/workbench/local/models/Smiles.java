package dev.workbench.local.models;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;

/** Parses SMILES into a molecule with perceived atom types; one per thread (CDK parsers keep state). */
final class Smiles {

    private final SmilesParser parser = new SmilesParser(SilentChemObjectBuilder.getInstance());

    /** The molecule, or a {@link RowError} saying why the SMILES is not usable. */
    IAtomContainer parse(String smiles) {
        String trimmed = smiles.trim();
        if (trimmed.isEmpty()) {
            throw new RowError("invalid SMILES: empty");
        }
        IAtomContainer molecule;
        try {
            molecule = parser.parseSmiles(trimmed);
        } catch (CDKException | RuntimeException e) {
            throw new RowError("invalid SMILES: " + message(e));
        }
        try {
            AtomContainerManipulator.percieveAtomTypesAndConfigureAtoms(molecule);
        } catch (CDKException | RuntimeException e) {
            throw new RowError("could not type atoms: " + message(e));
        }
        return molecule;
    }

    static String message(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // CDK's SMILES errors are multi-line (message, the SMILES, a caret); one line reads better in a cell.
        return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
