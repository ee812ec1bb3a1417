package dev.workbench.local.models;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;

/**
 * A small force field over one molecule (explicit hydrogens): bonds pulled to their ideal length, bond
 * angles held through the distance of the two outer atoms, sp2 centres and double bonds kept planar, and
 * atoms more than two bonds apart pushed out of each other's van der Waals spheres. It relaxes a start
 * geometry (CDK's 3D build, or a 2D layout lifted into 3D) to the nearest structure with sound bonds and no
 * clashes, with the stereocentres and double-bond configurations the SMILES gives ({@link StereoTerms}),
 * and checks that the result really is one.
 *
 * <p>Why: CDK 2.12's ModelBuilder3D places many drug-like molecules with bonds stretched to 10-30 Å or
 * hydrogens on top of each other, and fails outright on a single heavy atom and on some sugars; its output
 * is a start here, never the answer unchecked; nor does it honour the SMILES's stereochemistry.
 */
final class Relaxation {

    private static final double BOND = 1.0;
    private static final double ANGLE = 0.3;
    private static final double PLANE = 0.1;
    private static final double CLASH = 0.3;
    private static final int MAX_STEPS = 20_000;
    private static final double CONVERGED = 1e-4;

    private final int atoms;
    /** Pairs held at a distance: bonds first ({@link #bondCount}), then the outer atoms of angles. */
    private final int[] heldA;
    private final int[] heldB;
    private final double[] heldLength;
    private final double[] heldWeight;
    private final int bondCount;
    /** Quadruples (centre, three others) kept in one plane. */
    private final int[][] planes;
    /** Atoms more than two bonds apart, and the distance they must keep. */
    private final int[] apartA;
    private final int[] apartB;
    private final double[] apartLength;
    private final StereoTerms stereo;

    Relaxation(IAtomContainer molecule) {
        atoms = molecule.getAtomCount();
        List<int[]> neighbours = new ArrayList<>();
        for (int i = 0; i < atoms; i++) {
            neighbours.add(molecule.getConnectedAtomsList(molecule.getAtom(i)).stream().mapToInt(molecule::indexOf).toArray());
        }
        var held = new Pairs();
        for (IBond bond : molecule.bonds()) {
            held.add(molecule.indexOf(bond.getBegin()), molecule.indexOf(bond.getEnd()), IdealGeometry.bondLength(bond), BOND);
        }
        bondCount = held.size();
        boolean[][] close = new boolean[atoms][];
        for (int i = 0; i < atoms; i++) {
            close[i] = new boolean[atoms];
            close[i][i] = true;
            for (int j : neighbours.get(i)) {
                close[i][j] = true;
            }
        }
        List<int[]> planeList = new ArrayList<>();
        int[] hops = new int[atoms];
        for (int j = 0; j < atoms; j++) {
            IAtom center = molecule.getAtom(j);
            int[] around = neighbours.get(j);
            double angle = IdealGeometry.angle(molecule, center);
            for (int x = 0; x < around.length; x++) {
                for (int y = x + 1; y < around.length; y++) {
                    int i = around[x];
                    int k = around[y];
                    int ring = smallRing(neighbours, i, k, j, hops);
                    double theta = ring == 3 ? Double.NaN : ring == 4 ? 90 : ring == 5 ? 108 : angle;
                    if (ring == 3 || Double.isNaN(theta)) {
                        continue; // a three-ring's third bond holds it; crowded centres are only kept apart
                    }
                    double a = bondLength(molecule, i, j);
                    double b = bondLength(molecule, j, k);
                    double length = Math.sqrt(a * a + b * b - 2 * a * b * Math.cos(Math.toRadians(theta)));
                    held.add(i, k, length, ANGLE);
                    close[i][k] = true;
                    close[k][i] = true;
                }
            }
            if (IdealGeometry.planar(molecule, center)) {
                planeList.add(new int[] {j, around[0], around[1], around[2]});
            }
        }
        for (IBond bond : molecule.bonds()) {
            if (bond.getOrder() != IBond.Order.DOUBLE || bond.isAromatic()) {
                continue;
            }
            int j = molecule.indexOf(bond.getBegin());
            int k = molecule.indexOf(bond.getEnd());
            for (int i : neighbours.get(j)) {
                for (int l : neighbours.get(k)) {
                    if (i != k && l != j && i != l) {
                        planeList.add(new int[] {j, i, k, l});
                    }
                }
            }
        }
        planes = planeList.toArray(new int[0][]);
        heldA = held.a.stream().mapToInt(Integer::intValue).toArray();
        heldB = held.b.stream().mapToInt(Integer::intValue).toArray();
        heldLength = held.length.stream().mapToDouble(Double::doubleValue).toArray();
        heldWeight = held.weight.stream().mapToDouble(Double::doubleValue).toArray();

        var apart = new Pairs();
        for (int i = 0; i < atoms; i++) {
            bondsAway(neighbours, i, -1, hops);
            for (int k = i + 1; k < atoms; k++) {
                if (close[i][k]) {
                    continue;
                }
                // Atoms three bonds apart come closer (eclipsed, gauche) than atoms further away may.
                double scale = hops[k] == 3 ? 0.65 : 0.8;
                double contact = IdealGeometry.vanDerWaals(molecule.getAtom(i)) + IdealGeometry.vanDerWaals(molecule.getAtom(k));
                apart.add(i, k, scale * contact, CLASH);
            }
        }
        apartA = apart.a.stream().mapToInt(Integer::intValue).toArray();
        apartB = apart.b.stream().mapToInt(Integer::intValue).toArray();
        apartLength = apart.length.stream().mapToDouble(Double::doubleValue).toArray();
        stereo = new StereoTerms(molecule);
    }

    /** The relaxed coordinates (x, y, z per atom) from this start, which is left unchanged. */
    double[] relax(double[] start) {
        // FIRE (Bitzek et al. 2006): damped dynamics that speeds up while going downhill.
        double[] x = start.clone();
        double[] v = new double[x.length];
        double[] g = new double[x.length];
        double dt = 0.05;
        double alpha = 0.1;
        int downhill = 0;
        for (int step = 0; step < MAX_STEPS; step++) {
            gradient(x, g);
            double power = 0;
            double force = 0;
            double speed = 0;
            double largest = 0;
            for (int i = 0; i < x.length; i++) {
                power -= g[i] * v[i];
                force += g[i] * g[i];
                speed += v[i] * v[i];
                largest = Math.max(largest, Math.abs(g[i]));
            }
            if (largest < CONVERGED) {
                break;
            }
            force = Math.sqrt(force);
            speed = Math.sqrt(speed);
            if (power > 0) {
                for (int i = 0; i < x.length; i++) {
                    v[i] = (1 - alpha) * v[i] - alpha * speed * g[i] / force;
                }
                if (++downhill > 5) {
                    dt = Math.min(dt * 1.1, 0.3);
                    alpha *= 0.99;
                }
            } else {
                Arrays.fill(v, 0);
                dt *= 0.5;
                alpha = 0.1;
                downhill = 0;
            }
            for (int atom = 0; atom < atoms; atom++) {
                int o = 3 * atom;
                v[o] -= dt * g[o];
                v[o + 1] -= dt * g[o + 1];
                v[o + 2] -= dt * g[o + 2];
                double dx = dt * v[o];
                double dy = dt * v[o + 1];
                double dz = dt * v[o + 2];
                double move = Math.sqrt(dx * dx + dy * dy + dz * dz);
                double shrink = move > 0.2 ? 0.2 / move : 1; // no atom jumps through another in one step
                x[o] += dx * shrink;
                x[o + 1] += dy * shrink;
                x[o + 2] += dz * shrink;
            }
        }
        return x;
    }

    /** What is wrong with this structure as a molecule (a stretched bond, a clash), or empty when it is sound. */
    Optional<String> problem(IAtomContainer molecule, double[] x) {
        for (double c : x) {
            if (!Double.isFinite(c)) {
                return Optional.of("coordinates are not finite");
            }
        }
        for (int p = 0; p < bondCount; p++) {
            double ratio = distance(x, heldA[p], heldB[p]) / heldLength[p];
            if (ratio < 0.8 || ratio > 1.25) {
                return Optional.of(String.format(java.util.Locale.ROOT, "bond %s-%s is %.2f Å, expected about %.2f Å",
                        label(molecule, heldA[p]), label(molecule, heldB[p]), distance(x, heldA[p], heldB[p]), heldLength[p]));
            }
        }
        for (int p = 0; p < apartA.length; p++) {
            double d = distance(x, apartA[p], apartB[p]);
            // The force field keeps them apartLength away; well under that is two atoms overlapping.
            if (d < 0.6 * apartLength[p]) {
                return Optional.of(String.format(java.util.Locale.ROOT, "atoms %s and %s overlap (%.2f Å apart)",
                        label(molecule, apartA[p]), label(molecule, apartB[p]), d));
            }
        }
        return stereo.problem(molecule, x);
    }

    /** Whether every bond is within half its ideal length again: the start is usable (nothing is thrown far off). */
    boolean bondsWithin(double[] x, double ratio) {
        for (int p = 0; p < bondCount; p++) {
            double r = distance(x, heldA[p], heldB[p]) / heldLength[p];
            if (!(r > 1 / ratio && r < ratio)) {
                return false;
            }
        }
        return true;
    }

    private void gradient(double[] x, double[] g) {
        Arrays.fill(g, 0);
        for (int p = 0; p < heldA.length; p++) {
            spring(x, g, heldA[p], heldB[p], heldLength[p], heldWeight[p], BOTH_WAYS);
        }
        for (int p = 0; p < apartA.length; p++) {
            spring(x, g, apartA[p], apartB[p], apartLength[p], CLASH, PUSH_ONLY);
        }
        for (int[] q : planes) {
            flatten(x, g, q);
        }
        stereo.gradient(x, g);
    }

    static final int PUSH_ONLY = -1;
    static final int BOTH_WAYS = 0;
    static final int PULL_ONLY = 1;

    /**
     * E = k (d - d0)^2; with {@link #PUSH_ONLY} only while d < d0 (atoms that merely must keep apart), with
     * {@link #PULL_ONLY} only while d > d0.
     */
    static void spring(double[] x, double[] g, int a, int b, double length, double k, int mode) {
        int i = 3 * a;
        int j = 3 * b;
        double dx = x[i] - x[j];
        double dy = x[i + 1] - x[j + 1];
        double dz = x[i + 2] - x[j + 2];
        double d2 = dx * dx + dy * dy + dz * dz;
        if (mode == PUSH_ONLY && d2 >= length * length || mode == PULL_ONLY && d2 <= length * length) {
            return;
        }
        double d = Math.sqrt(d2);
        if (d < 1e-9) {
            // Two atoms on one spot: push them apart along a fixed direction.
            dx = 1e-3 * (a < b ? 1 : -1);
            d = 1e-3;
        }
        double f = 2 * k * (d - length) / d;
        g[i] += f * dx;
        g[i + 1] += f * dy;
        g[i + 2] += f * dz;
        g[j] -= f * dx;
        g[j + 1] -= f * dy;
        g[j + 2] -= f * dz;
    }

    /** E = k V^2: zero when the centre and its three neighbours are in one plane. */
    private static void flatten(double[] x, double[] g, int[] q) {
        Volumes.addGradient(x, q, 2 * PLANE * Volumes.of(x, q), g);
    }

    private static double distance(double[] x, int a, int b) {
        double dx = x[3 * a] - x[3 * b];
        double dy = x[3 * a + 1] - x[3 * b + 1];
        double dz = x[3 * a + 2] - x[3 * b + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    private static double bondLength(IAtomContainer molecule, int a, int b) {
        return IdealGeometry.bondLength(molecule.getBond(molecule.getAtom(a), molecule.getAtom(b)));
    }

    static String label(IAtomContainer molecule, int atom) {
        return molecule.getAtom(atom).getSymbol() + (atom + 1);
    }

    /** Size of the smallest ring through i-centre-k when it has at most five atoms, else 0. */
    private static int smallRing(List<int[]> neighbours, int i, int k, int centre, int[] hops) {
        bondsAway(neighbours, i, centre, hops);
        return hops[k] <= 3 ? hops[k] + 2 : 0;
    }

    /**
     * Bonds from atom i to every atom on paths that avoid one atom (-1: none), counted up to three
     * (4 standing for further or unconnected).
     */
    private static void bondsAway(List<int[]> neighbours, int i, int avoid, int[] hops) {
        Arrays.fill(hops, 4);
        hops[i] = 0;
        var queue = new ArrayDeque<Integer>();
        queue.add(i);
        while (!queue.isEmpty()) {
            int atom = queue.poll();
            if (hops[atom] == 3) {
                continue;
            }
            for (int next : neighbours.get(atom)) {
                if (hops[next] == 4 && next != avoid) {
                    hops[next] = hops[atom] + 1;
                    queue.add(next);
                }
            }
        }
    }

    private static final class Pairs {
        final List<Integer> a = new ArrayList<>();
        final List<Integer> b = new ArrayList<>();
        final List<Double> length = new ArrayList<>();
        final List<Double> weight = new ArrayList<>();

        void add(int i, int k, double d, double w) {
            a.add(i);
            b.add(k);
            length.add(d);
            weight.add(w);
        }

        int size() {
            return a.size();
        }
    }
}
