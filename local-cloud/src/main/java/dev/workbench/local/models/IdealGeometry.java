package dev.workbench.local.models;

import java.util.Map;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomType.Hybridization;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * Textbook geometry the 3D relaxation aims for and the geometry check measures against: bond lengths from
 * covalent radii by bond order (Pyykkö's single, double and triple radii), bond angles by hybridization
 * (VSEPR) and van der Waals radii (Bondi) for atoms that are not bonded.
 */
final class IdealGeometry {

    /** Element -> {single, double, triple} covalent radius, Å. */
    private static final Map<Integer, double[]> COVALENT = Map.ofEntries(
            Map.entry(1, new double[] {0.32, 0.32, 0.32}),
            Map.entry(3, new double[] {1.33, 1.24, 1.24}),
            Map.entry(5, new double[] {0.85, 0.78, 0.73}),
            Map.entry(6, new double[] {0.75, 0.67, 0.60}),
            Map.entry(7, new double[] {0.71, 0.60, 0.54}),
            Map.entry(8, new double[] {0.63, 0.57, 0.53}),
            Map.entry(9, new double[] {0.64, 0.59, 0.53}),
            Map.entry(11, new double[] {1.55, 1.60, 1.60}),
            Map.entry(12, new double[] {1.39, 1.32, 1.27}),
            Map.entry(13, new double[] {1.26, 1.13, 1.11}),
            Map.entry(14, new double[] {1.16, 1.07, 1.02}),
            Map.entry(15, new double[] {1.11, 1.02, 0.94}),
            Map.entry(16, new double[] {1.03, 0.94, 0.95}),
            Map.entry(17, new double[] {0.99, 0.95, 0.93}),
            Map.entry(19, new double[] {1.96, 1.93, 1.93}),
            Map.entry(20, new double[] {1.71, 1.47, 1.33}),
            Map.entry(26, new double[] {1.16, 1.09, 1.02}),
            Map.entry(29, new double[] {1.12, 1.15, 1.20}),
            Map.entry(30, new double[] {1.18, 1.20, 1.20}),
            Map.entry(34, new double[] {1.16, 1.07, 1.07}),
            Map.entry(35, new double[] {1.14, 1.09, 1.10}),
            Map.entry(53, new double[] {1.33, 1.29, 1.25}));

    private static final Map<Integer, Double> VAN_DER_WAALS = Map.ofEntries(
            Map.entry(1, 1.20), Map.entry(6, 1.70), Map.entry(7, 1.55), Map.entry(8, 1.52), Map.entry(9, 1.47),
            Map.entry(15, 1.80), Map.entry(16, 1.80), Map.entry(17, 1.75), Map.entry(35, 1.85), Map.entry(53, 1.98));

    private static final double TETRAHEDRAL = Math.toDegrees(Math.acos(-1.0 / 3));

    private IdealGeometry() {
    }

    static double bondLength(IBond bond) {
        int order = bond.isAromatic() ? 0 : switch (bond.getOrder()) {
            case DOUBLE -> 2;
            case TRIPLE, QUADRUPLE -> 3;
            default -> 1;
        };
        return radius(bond.getBegin(), order) + radius(bond.getEnd(), order);
    }

    /** Order 0 is aromatic: between single and double, a little shorter (benzene's 1.39-1.40 Å). */
    private static double radius(IAtom atom, int order) {
        double[] radii = COVALENT.get(number(atom));
        if (radii == null) {
            double single = 1.40;
            return order <= 1 ? single : single - 0.08 * (order - 1);
        }
        return order == 0 ? (radii[0] + radii[1]) / 2 - 0.01 : radii[order - 1];
    }

    static double vanDerWaals(IAtom atom) {
        return VAN_DER_WAALS.getOrDefault(number(atom), 2.0);
    }

    /**
     * The angle (degrees) between two bonds at this atom, by its hybridization, or NaN when VSEPR has no
     * single answer (more than four neighbours): those neighbours are only kept apart.
     */
    static double angle(IAtomContainer molecule, IAtom center) {
        int neighbours = molecule.getConnectedBondsCount(center);
        if (neighbours > 4) {
            return Double.NaN;
        }
        Hybridization hybridization = center.getHybridization();
        if (hybridization == Hybridization.SP1) {
            return 180;
        }
        if (hybridization == Hybridization.SP2 || hybridization == Hybridization.PLANAR3) {
            return 120;
        }
        if (hybridization == Hybridization.SP3) {
            return TETRAHEDRAL;
        }
        int doubles = 0;
        boolean conjugated = center.isAromatic();
        for (IBond bond : molecule.getConnectedBondsList(center)) {
            if (bond.getOrder() == IBond.Order.TRIPLE || bond.getOrder() == IBond.Order.DOUBLE && ++doubles == 2) {
                return 180;
            }
            conjugated |= bond.isAromatic() || bond.getOrder() == IBond.Order.DOUBLE;
        }
        return conjugated ? 120 : TETRAHEDRAL;
    }

    /** Whether the atom and its three neighbours lie in one plane (sp2, aromatic). */
    static boolean planar(IAtomContainer molecule, IAtom center) {
        return molecule.getConnectedBondsCount(center) == 3 && angle(molecule, center) == 120;
    }

    private static int number(IAtom atom) {
        Integer z = atom.getAtomicNumber();
        return z == null ? 0 : z;
    }
}
