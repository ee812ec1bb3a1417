package dev.workbench.local.models;

import java.util.List;
import javax.vecmath.Point3d;
import org.openscience.cdk.config.Isotopes;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * Shape of a 3D structure from its atoms (hydrogens included, mass-weighted as usual for principal
 * moments): radius of gyration, principal moments of inertia pmi1 <= pmi2 <= pmi3 (amu·Å²), normalized
 * ratios npr1 = pmi1/pmi3 and npr2 = pmi2/pmi3 (rod (0,1), disc (0.5,0.5), sphere (1,1)), asphericity
 * from the moments (0 for a sphere) and span, the largest interatomic distance (Å).
 */
record ShapeDescriptors(int atoms, double radiusOfGyration, double pmi1, double pmi2, double pmi3,
        double npr1, double npr2, double asphericity, double span) {

    static final List<String> COLUMNS = List.of("atoms_3d", "radius_of_gyration", "pmi1", "pmi2", "pmi3",
            "npr1", "npr2", "asphericity", "span");

    static ShapeDescriptors of(IAtomContainer molecule) {
        int n = molecule.getAtomCount();
        double[][] xyz = new double[n][];
        double[] mass = new double[n];
        Isotopes isotopes = isotopes();
        double total = 0;
        double cx = 0;
        double cy = 0;
        double cz = 0;
        for (int i = 0; i < n; i++) {
            IAtom atom = molecule.getAtom(i);
            Point3d p = atom.getPoint3d();
            if (p == null || Double.isNaN(p.x) || Double.isNaN(p.y) || Double.isNaN(p.z)) {
                throw new RowError("3D build left atom " + (i + 1) + " (" + atom.getSymbol() + ") without coordinates");
            }
            Integer z = atom.getAtomicNumber();
            mass[i] = z == null || z < 1 ? 0 : isotopes.getNaturalMass(z);
            xyz[i] = new double[] {p.x, p.y, p.z};
            total += mass[i];
            cx += mass[i] * p.x;
            cy += mass[i] * p.y;
            cz += mass[i] * p.z;
        }
        if (n == 0 || total <= 0) {
            throw new RowError("no atoms with a mass");
        }
        cx /= total;
        cy /= total;
        cz /= total;
        double[][] inertia = new double[3][3];
        double sumMr2 = 0;
        double span = 0;
        for (int i = 0; i < n; i++) {
            double x = xyz[i][0] - cx;
            double y = xyz[i][1] - cy;
            double z = xyz[i][2] - cz;
            double m = mass[i];
            double r2 = x * x + y * y + z * z;
            sumMr2 += m * r2;
            inertia[0][0] += m * (y * y + z * z);
            inertia[1][1] += m * (x * x + z * z);
            inertia[2][2] += m * (x * x + y * y);
            inertia[0][1] -= m * x * y;
            inertia[0][2] -= m * x * z;
            inertia[1][2] -= m * y * z;
            for (int j = i + 1; j < n; j++) {
                double dx = xyz[i][0] - xyz[j][0];
                double dy = xyz[i][1] - xyz[j][1];
                double dz = xyz[i][2] - xyz[j][2];
                span = Math.max(span, dx * dx + dy * dy + dz * dz);
            }
        }
        inertia[1][0] = inertia[0][1];
        inertia[2][0] = inertia[0][2];
        inertia[2][1] = inertia[1][2];
        double[] pmi = SymmetricEigen.values(inertia);
        double p1 = Math.max(0, pmi[0]);
        double p2 = pmi[1];
        double p3 = pmi[2];
        double npr1 = p3 > 0 ? p1 / p3 : 0;
        double npr2 = p3 > 0 ? p2 / p3 : 0;
        double squares = p1 * p1 + p2 * p2 + p3 * p3;
        double asphericity = squares > 0
                ? 0.5 * ((p3 - p2) * (p3 - p2) + (p3 - p1) * (p3 - p1) + (p2 - p1) * (p2 - p1)) / squares
                : 0;
        return new ShapeDescriptors(n, Math.sqrt(sumMr2 / total), p1, p2, p3, npr1, npr2, asphericity,
                Math.sqrt(span));
    }

    List<String> values() {
        return List.of(Integer.toString(atoms), MolecularDescriptors.decimal(radiusOfGyration),
                MolecularDescriptors.decimal(pmi1), MolecularDescriptors.decimal(pmi2),
                MolecularDescriptors.decimal(pmi3), MolecularDescriptors.decimal(npr1),
                MolecularDescriptors.decimal(npr2), MolecularDescriptors.decimal(asphericity),
                MolecularDescriptors.decimal(span));
    }

    private static Isotopes isotopes() {
        try {
            return Isotopes.getInstance();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("CDK isotope table missing from the classpath", e);
        }
    }
}
