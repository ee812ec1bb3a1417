package dev.workbench.local.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.interfaces.IDoubleBondStereochemistry;
import org.openscience.cdk.interfaces.IStereoElement;
import org.openscience.cdk.interfaces.ITetrahedralChirality;

/**
 * The stereochemistry written in the SMILES, as terms of the relaxation and as a check of its result:
 * each tetrahedral centre keeps the handedness of its ligands ({@code @}/{@code @@}) and each double bond
 * with a configuration ({@code /}, {@code \}) keeps its two reference neighbours on the same or on opposite
 * sides. A sugar or a steroid built with a centre inverted would be another molecule, with another shape.
 */
final class StereoTerms {

    private static final double WEIGHT = 0.3;
    /** Å³: well inside the volume of a real tetrahedral centre (4-10 Å³), so a centre is pushed only when nearly flat or inverted. */
    private static final double MIN_VOLUME = 1.0;

    /** Ligand indices in the stereo element's order, and +1 for clockwise, -1 for anticlockwise. */
    private final List<int[]> centres = new ArrayList<>();
    private final List<Integer> handedness = new ArrayList<>();
    private final List<Integer> focus = new ArrayList<>();
    /** Double bonds: {neighbour of begin, begin, end, neighbour of end}, and whether the neighbours are cis. */
    private final List<int[]> doubleBonds = new ArrayList<>();
    private final List<Boolean> together = new ArrayList<>();
    private final List<Double> cisTransMidpoint = new ArrayList<>();

    StereoTerms(IAtomContainer molecule) {
        for (IStereoElement<?, ?> element : molecule.stereoElements()) {
            if (element instanceof ITetrahedralChirality chirality && chirality.getStereo() != null) {
                IAtom[] ligands = chirality.getLigands();
                int[] q = new int[4];
                for (int i = 0; i < 4; i++) {
                    q[i] = molecule.indexOf(ligands[i]);
                }
                centres.add(q);
                focus.add(molecule.indexOf(chirality.getFocus()));
                handedness.add(chirality.getStereo() == ITetrahedralChirality.Stereo.CLOCKWISE ? 1 : -1);
            } else if (element instanceof IDoubleBondStereochemistry bond && bond.getStereo() != null) {
                addDoubleBond(molecule, bond);
            }
        }
    }

    private void addDoubleBond(IAtomContainer molecule, IDoubleBondStereochemistry element) {
        IBond stereoBond = element.getStereoBond();
        IAtom begin = stereoBond.getBegin();
        IAtom end = stereoBond.getEnd();
        IAtom nearBegin = null;
        IAtom nearEnd = null;
        for (IBond reference : element.getBonds()) {
            if (reference.contains(begin)) {
                nearBegin = reference.getOther(begin);
            } else if (reference.contains(end)) {
                nearEnd = reference.getOther(end);
            }
        }
        if (nearBegin == null || nearEnd == null) {
            return;
        }
        doubleBonds.add(new int[] {molecule.indexOf(nearBegin), molecule.indexOf(begin), molecule.indexOf(end), molecule.indexOf(nearEnd)});
        together.add(element.getStereo() == IDoubleBondStereochemistry.Conformation.TOGETHER);
        // With 120° angles the neighbours are a + b (cis) or farther (trans) apart: the term holds them on their side of the middle.
        double a = IdealGeometry.bondLength(molecule.getBond(nearBegin, begin));
        double b = IdealGeometry.bondLength(stereoBond);
        double c = IdealGeometry.bondLength(molecule.getBond(end, nearEnd));
        double along = b + (a + c) / 2;
        double cis = Math.hypot(along, (c - a) * Math.sqrt(3) / 2);
        double trans = Math.hypot(along, (a + c) * Math.sqrt(3) / 2);
        cisTransMidpoint.add((cis + trans) / 2);
    }

    void gradient(double[] x, double[] g) {
        for (int i = 0; i < centres.size(); i++) {
            int[] q = centres.get(i);
            double signed = handedness.get(i) * Volumes.of(x, q);
            if (signed < MIN_VOLUME) {
                // E = k (MIN_VOLUME - s V)^2 while the centre is flatter than that or inverted.
                Volumes.addGradient(x, q, -2 * WEIGHT * handedness.get(i) * (MIN_VOLUME - signed), g);
            }
        }
        for (int i = 0; i < doubleBonds.size(); i++) {
            int[] d = doubleBonds.get(i);
            Relaxation.spring(x, g, d[0], d[3], cisTransMidpoint.get(i), WEIGHT,
                    together.get(i) ? Relaxation.PULL_ONLY : Relaxation.PUSH_ONLY);
        }
    }

    /** A centre or double bond that came out with the other configuration, or empty. */
    Optional<String> problem(IAtomContainer molecule, double[] x) {
        for (int i = 0; i < centres.size(); i++) {
            int[] q = centres.get(i);
            if (handedness.get(i) * Volumes.of(x, q) <= 0) {
                return Optional.of("stereocentre " + Relaxation.label(molecule, focus.get(i)) + " came out inverted");
            }
        }
        for (int i = 0; i < doubleBonds.size(); i++) {
            int[] d = doubleBonds.get(i);
            if (cis(x, d) != together.get(i)) {
                return Optional.of("double bond " + Relaxation.label(molecule, d[1]) + "=" + Relaxation.label(molecule, d[2])
                        + " came out " + (together.get(i) ? "trans" : "cis"));
            }
        }
        return Optional.empty();
    }

    /** Whether the two neighbours sit on the same side of the double bond (their offsets from its axis agree). */
    private static boolean cis(double[] x, int[] d) {
        double[] axis = new double[3];
        double[] u = new double[3];
        double[] w = new double[3];
        double length = 0;
        for (int k = 0; k < 3; k++) {
            axis[k] = x[3 * d[2] + k] - x[3 * d[1] + k];
            u[k] = x[3 * d[0] + k] - x[3 * d[1] + k];
            w[k] = x[3 * d[3] + k] - x[3 * d[2] + k];
            length += axis[k] * axis[k];
        }
        double ua = (u[0] * axis[0] + u[1] * axis[1] + u[2] * axis[2]) / length;
        double wa = (w[0] * axis[0] + w[1] * axis[1] + w[2] * axis[2]) / length;
        double dot = 0;
        for (int k = 0; k < 3; k++) {
            dot += (u[k] - ua * axis[k]) * (w[k] - wa * axis[k]);
        }
        return dot > 0;
    }
}
