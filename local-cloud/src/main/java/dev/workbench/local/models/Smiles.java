package dev.workbench.local.models;

import org.openscience.cdk.atomtype.CDKAtomTypeMatcher;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IAtomType;
import org.openscience.cdk.interfaces.IPseudoAtom;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;
import org.openscience.cdk.tools.manipulator.AtomTypeManipulator;

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
        for (IAtom atom : molecule.atoms()) {
            if (atom instanceof IPseudoAtom || atom.getAtomicNumber() == null || atom.getAtomicNumber() < 1) {
                String label = atom instanceof IPseudoAtom pseudo ? pseudo.getLabel() : atom.getSymbol();
                throw new RowError("invalid SMILES: unknown element '" + label + "' (atom " + (atom.getIndex() + 1) + ")");
            }
        }
        // Typing each atom ourselves: CDK's bulk helper silently leaves impossible valences untyped.
        CDKAtomTypeMatcher matcher = CDKAtomTypeMatcher.getInstance(molecule.getBuilder());
        for (IAtom atom : molecule.atoms()) {
            IAtomType type;
            try {
                type = matcher.findMatchingAtomType(molecule, atom);
            } catch (CDKException | RuntimeException e) {
                throw new RowError("could not type atom " + (atom.getIndex() + 1) + " (" + atom.getSymbol() + "): "
                        + message(e));
            }
            if (type == null || "X".equals(type.getAtomTypeName())) {
                throw new RowError("unusual valence or charge at atom " + (atom.getIndex() + 1) + " ("
                        + atom.getSymbol() + ")");
            }
            AtomTypeManipulator.configure(atom, type);
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
