package dev.workbench.local.models;

import java.util.Random;
import javax.vecmath.Point2d;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.layout.StructureDiagramGenerator;

/**
 * A start for the 3D relaxation when CDK's 3D builder has none: CDK's 2D depiction layout (every molecule
 * gets one, with sound bond lengths and no overlaps), lifted out of the plane by a small offset per atom
 * so that sp3 centres can pucker. The offsets are seeded by the molecule's size, so a molecule always gets
 * the same structure.
 */
final class FlatStart {

    /** Å: enough to leave the plane, well under a bond. */
    private static final double LIFT = 0.3;

    private FlatStart() {
    }

    static double[] of(IAtomContainer molecule) {
        IAtomContainer copy;
        try {
            copy = molecule.clone();
            new StructureDiagramGenerator().generateCoordinates(copy);
        } catch (CDKException | CloneNotSupportedException e) {
            throw new RowError("2D layout failed: " + Smiles.message(e));
        }
        Random random = new Random(31L * molecule.getAtomCount() + molecule.getBondCount());
        double[] x = new double[3 * copy.getAtomCount()];
        for (int i = 0; i < copy.getAtomCount(); i++) {
            Point2d p = copy.getAtom(i).getPoint2d();
            if (p == null) {
                throw new RowError("2D layout left atom " + (i + 1) + " unplaced");
            }
            x[3 * i] = p.x;
            x[3 * i + 1] = p.y;
            x[3 * i + 2] = LIFT * (2 * random.nextDouble() - 1);
        }
        return x;
    }
}
