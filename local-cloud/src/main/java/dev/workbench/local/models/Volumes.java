package dev.workbench.local.models;

/**
 * The signed volume spanned by three atoms seen from a fourth, V = a · (b × c) with a, b, c the vectors
 * from atom q[0] to atoms q[1], q[2], q[3], over flat coordinates (x, y, z per atom): zero when the four lie
 * in one plane, its sign the handedness.
 */
final class Volumes {

    private Volumes() {
    }

    static double of(double[] x, int[] q) {
        double[] a = from(x, q[0], q[1]);
        double[] b = from(x, q[0], q[2]);
        double[] c = from(x, q[0], q[3]);
        double[] bc = cross(b, c);
        return a[0] * bc[0] + a[1] * bc[1] + a[2] * bc[2];
    }

    /** Adds dE/dV times the volume's gradient to g. */
    static void addGradient(double[] x, int[] q, double dEdV, double[] g) {
        double[] a = from(x, q[0], q[1]);
        double[] b = from(x, q[0], q[2]);
        double[] c = from(x, q[0], q[3]);
        double[] bc = cross(b, c);
        double[] ca = cross(c, a);
        double[] ab = cross(a, b);
        for (int d = 0; d < 3; d++) {
            g[3 * q[1] + d] += dEdV * bc[d];
            g[3 * q[2] + d] += dEdV * ca[d];
            g[3 * q[3] + d] += dEdV * ab[d];
            g[3 * q[0] + d] -= dEdV * (bc[d] + ca[d] + ab[d]);
        }
    }

    private static double[] from(double[] x, int origin, int atom) {
        return new double[] {x[3 * atom] - x[3 * origin], x[3 * atom + 1] - x[3 * origin + 1], x[3 * atom + 2] - x[3 * origin + 2]};
    }

    private static double[] cross(double[] u, double[] w) {
        return new double[] {u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]};
    }
}
