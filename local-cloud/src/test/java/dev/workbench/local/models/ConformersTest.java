package dev.workbench.local.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.interfaces.IDoubleBondStereochemistry;
import org.openscience.cdk.interfaces.IStereoElement;
import org.openscience.cdk.interfaces.ITetrahedralChirality;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import org.openscience.cdk.stereo.StereoElementFactory;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;

/** The 3D structures themselves, judged by CDK's own reading of their coordinates. */
class ConformersTest {

    private static final Conformers CONFORMERS = new Conformers("mm2", Duration.ofSeconds(60));

    @Test
    void everyStereocentreAndDoubleBondOfTheExamplesKeepsItsConfiguration() throws Exception {
        CsvTable molecules = Csv.parse(Files.readAllBytes(Path.of("..", "examples", "molecules.csv")));
        var smilesOf = new SmilesGenerator(SmiFlavor.Stereo);
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (List<String> row : molecules.rows()) {
            String smiles = row.get(1);
            if (!smiles.contains("@") && !smiles.contains("/") && !smiles.contains("\\")) {
                continue;
            }
            IAtomContainer built = CONFORMERS.structureOf(smiles);
            // What the coordinates say, read by CDK, for the centres and bonds the SMILES specifies; both are written
            // in the same atom order, so the two SMILES are equal exactly when every configuration is.
            IAtomContainer read = built.clone();
            Set<String> specified = new HashSet<>();
            for (IStereoElement<?, ?> element : built.stereoElements()) {
                specified.add(key(built, element));
            }
            List<IStereoElement> fromCoordinates = new ArrayList<>();
            for (IStereoElement<?, ?> element : StereoElementFactory.using3DCoordinates(read).createAll()) {
                if (specified.contains(key(read, element))) {
                    fromCoordinates.add(element);
                }
            }
            read.setStereoElements(fromCoordinates);
            checked++;
            String expected = smilesOf.create(built);
            String actual = smilesOf.create(read);
            if (fromCoordinates.size() != specified.size() || !expected.equals(actual)) {
                wrong.add(row.get(0) + ": SMILES " + expected + ", coordinates " + actual);
            }
        }
        assertTrue(checked > 40, "the examples hold many stereocentres: " + checked);
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyAtomKeepsItsElement() throws Exception {
        CsvTable molecules = Csv.parse(Files.readAllBytes(Path.of("..", "examples", "molecules.csv")));
        List<String> wrong = new ArrayList<>();
        for (List<String> row : molecules.rows()) {
            IAtomContainer parsed = MolecularDescriptors.forThisThread().parse(row.get(1));
            AtomContainerManipulator.convertImplicitToExplicitHydrogens(parsed);
            IAtomContainer built = CONFORMERS.structureOf(row.get(1));
            for (int i = 0; i < parsed.getAtomCount(); i++) {
                if (!parsed.getAtom(i).getAtomicNumber().equals(built.getAtom(i).getAtomicNumber())) {
                    wrong.add(row.get(0) + " atom " + (i + 1) + ": " + parsed.getAtom(i).getSymbol() + " became "
                            + built.getAtom(i).getSymbol());
                }
            }
        }
        // The masses weigh the moments of inertia: a sulfur counted as a carbon is a wrong shape.
        assertEquals(List.of(), wrong);
    }

    /** What a stereo element is about: its centre atom, or its double bond. */
    private static String key(IAtomContainer molecule, IStereoElement<?, ?> element) {
        if (element instanceof ITetrahedralChirality chirality) {
            return "centre " + molecule.indexOf(chirality.getFocus());
        }
        if (element instanceof IDoubleBondStereochemistry bond) {
            IBond stereoBond = bond.getStereoBond();
            int a = molecule.indexOf(stereoBond.getBegin());
            int b = molecule.indexOf(stereoBond.getEnd());
            return "bond " + Math.min(a, b) + "-" + Math.max(a, b);
        }
        Object focus = element.getFocus();
        return "other " + (focus instanceof IAtom atom ? molecule.indexOf(atom) : String.valueOf(focus));
    }
}
