package dev.workbench.local.models;

import java.util.Arrays;

/** Eigenvalues of a symmetric 3x3 matrix by cyclic Jacobi rotations: robust and exact enough for shapes. */
final class SymmetricEigen {

    private SymmetricEigen() {
    }

    /** The eigenvalues in ascending order; the input is not modified. */
    static double[] values(double[][] symmetric) {
        double[][] a = new double[3][];
        for (int i = 0; i < 3; i++) {
            a[i] = symmetric[i].clone();
        }
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = a[0][1] * a[0][1] + a[0][2] * a[0][2] + a[1][2] * a[1][2];
            double scale = a[0][0] * a[0][0] + a[1][1] * a[1][1] + a[2][2] * a[2][2];
            if (off <= 1e-30 * Math.max(scale, 1e-300)) {
                break;
            }
            for (int p = 0; p < 2; p++) {
                for (int q = p + 1; q < 3; q++) {
                    rotate(a, p, q);
                }
            }
        }
        double[] values = {a[0][0], a[1][1], a[2][2]};
        Arrays.sort(values);
        return values;
    }

    /** Zeroes a[p][q] with one Jacobi rotation (a stays symmetric). */
    private static void rotate(double[][] a, int p, int q) {
        if (a[p][q] == 0) {
            return;
        }
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < 3; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < 3; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
    }
}
