package dev.workbench.local.models;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.vecmath.Point3d;
import org.openscience.cdk.aromaticity.Aromaticity;
import org.openscience.cdk.aromaticity.ElectronDonation;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.ConnectivityChecker;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.modeling.builder3d.ModelBuilder3D;
import org.openscience.cdk.modeling.builder3d.TemplateHandler3D;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds 3D coordinates with CDK's template- and force-field-based {@link ModelBuilder3D}, one
 * molecule at a time under a time limit.
 *
 * <p>Why the machinery: CDK keeps one ModelBuilder3D per force field for the whole JVM and it is not
 * thread-safe, so builds are serialised by a JVM-wide lock. Its layout loop can also spin forever on
 * some structures and never checks for interrupts, so each build runs on its own daemon thread; on
 * timeout the row fails and that thread is stopped ({@link Thread#stop()}, the only way to reclaim a
 * non-cooperating computation in-process on Java 17) so that it releases the lock and the CPU.
 */
final class Conformers {

    private static final Logger LOG = LoggerFactory.getLogger(Conformers.class);
    private static final ReentrantLock BUILD_LOCK = new ReentrantLock();
    private static final AtomicLong THREADS = new AtomicLong();
    private static final Set<String> WARMED = ConcurrentHashMap.newKeySet();

    private final String forceField;
    private final Duration limit;

    Conformers(String forceField, Duration limit) {
        this.forceField = forceField;
        this.limit = limit;
    }

    /** Parses, adds explicit hydrogens, builds 3D coordinates and measures the shape; {@link RowError} on failure. */
    ShapeDescriptors shapeOf(String smiles) {
        return ShapeDescriptors.of(structureOf(smiles));
    }

    /** The molecule with explicit hydrogens and checked 3D coordinates on every atom; {@link RowError} on failure. */
    IAtomContainer structureOf(String smiles) {
        // Parsing is cheap and per thread; only the 3D build needs the shared builder.
        IAtomContainer molecule = MolecularDescriptors.forThisThread().parse(smiles);
        try {
            // Ring templates are matched by bond order or aromaticity (see RingTemplates); cheap to create.
            new Aromaticity(ElectronDonation.daylight(), Cycles.or(Cycles.all(), Cycles.all(6))).apply(molecule);
        } catch (CDKException e) {
            throw new RowError("aromaticity perception failed: " + Smiles.message(e));
        }
        AtomContainerManipulator.convertImplicitToExplicitHydrogens(molecule);
        int parts = ConnectivityChecker.partitionIntoMolecules(molecule).getAtomContainerCount();
        if (parts > 1) {
            // How far apart the ions of a salt sit is not in the SMILES: any shape would be a guess.
            throw new RowError("3D shapes are computed for one connected molecule; this SMILES has " + parts + " parts");
        }
        CountDownLatch locked = new CountDownLatch(1);
        FutureTask<IAtomContainer> task = new FutureTask<>(() -> {
            BUILD_LOCK.lockInterruptibly();
            Built cdk;
            try {
                locked.countDown();
                cdk = buildWithCdk(molecule);
            } finally {
                BUILD_LOCK.unlock();
            }
            return relaxed(molecule, cdk);
        });
        Thread thread = new Thread(task, "cdk-3d-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        long limitNanos = limit.toNanos();
        try {
            // Waiting for another invocation's molecule is bounded too, so a stuck builder cannot hang everyone.
            if (!locked.await(limitNanos, TimeUnit.NANOSECONDS) && !task.isDone()) {
                task.cancel(true);
                if (locked.getCount() == 0) {
                    stop(thread); // it took the lock just as the wait ended: don't leave it building unobserved
                }
                throw new RowError("timed out after " + limit.toSeconds() + " s waiting for the 3D builder");
            }
            return task.get(limitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            stop(thread);
            throw new RowError("3D build timed out after " + limit.toSeconds() + " s (MAX_SECONDS_PER_MOLECULE)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RowError rowError) {
                throw rowError;
            }
            throw new RowError("3D build failed: " + Smiles.message(cause));
        } catch (CancellationException e) {
            throw new RowError("3D build cancelled");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            stop(thread);
            throw new RowError("interrupted during the 3D build");
        }
    }

    /**
     * Loads the ring templates and the force field on a background thread, so that the first molecule
     * an endpoint instance sees does not pay for it (seconds). Later builds wait for the lock it holds.
     */
    void warmUpInBackground() {
        if (WARMED.contains(forceField)) {
            return;
        }
        Thread thread = new Thread(() -> {
            BUILD_LOCK.lock();
            try {
                builder(forceField);
            } catch (RuntimeException e) {
                LOG.warn("3D builder warm-up failed: {}", e.toString());
            } finally {
                BUILD_LOCK.unlock();
            }
        }, "cdk-3d-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** CDK's coordinates (x, y, z per atom), or why it could not build them. */
    private record Built(double @Nullable [] coordinates, @Nullable String failure) {
    }

    private Built buildWithCdk(IAtomContainer molecule) {
        try {
            // On a copy: CDK's builder retypes atoms for its force field and leaves sulfur as carbon (Z = 6), which
            // would weigh the shape wrong; only its coordinates are taken.
            IAtomContainer built = builder(forceField).generate3DCoordinates(molecule, true);
            double[] x = new double[3 * molecule.getAtomCount()];
            for (int i = 0; i < molecule.getAtomCount(); i++) {
                Point3d p = built.getAtom(i).getPoint3d();
                if (p == null) {
                    return new Built(null, "atom " + (i + 1) + " was not placed");
                }
                x[3 * i] = p.x;
                x[3 * i + 1] = p.y;
                x[3 * i + 2] = p.z;
            }
            return new Built(x, null);
        } catch (Exception e) {
            // CDK's builder throws plain runtime exceptions (index and null errors) for what it cannot place.
            return new Built(null, Smiles.message(e));
        }
    }

    /**
     * Relaxes CDK's structure when it is usable (no atom thrown far off), else a 2D layout lifted into 3D,
     * and returns the molecule with the first relaxed structure that passes the geometry check.
     */
    private static IAtomContainer relaxed(IAtomContainer molecule, Built cdk) throws CDKException {
        Relaxation relaxation = new Relaxation(molecule);
        List<String> problems = new ArrayList<>();
        double[] cdkStart = cdk.coordinates();
        if (cdk.failure() != null) {
            problems.add("CDK's 3D builder failed (" + cdk.failure() + ")");
        } else if (cdkStart != null && !relaxation.bondsWithin(cdkStart, 1.5)) {
            problems.add("CDK's 3D builder misplaced atoms");
            cdkStart = null;
        }
        if (cdkStart != null && sound(molecule, relaxation, cdkStart, "relaxing CDK's structure", problems)) {
            return molecule;
        }
        if (sound(molecule, relaxation, FlatStart.of(molecule), "relaxing the 2D layout", problems)) {
            return molecule;
        }
        throw new RowError("no sound 3D structure: " + String.join("; ", problems));
    }

    /** Relaxes from the start and keeps the result on the molecule's atoms if it passes the check. */
    private static boolean sound(IAtomContainer molecule, Relaxation relaxation, double[] start, String what,
            List<String> problems) {
        double[] x = relaxation.relax(start);
        Optional<String> wrong = relaxation.problem(molecule, x);
        if (wrong.isPresent()) {
            problems.add(what + " left " + wrong.get());
            return false;
        }
        for (int i = 0; i < molecule.getAtomCount(); i++) {
            molecule.getAtom(i).setPoint3d(new Point3d(x[3 * i], x[3 * i + 1], x[3 * i + 2]));
        }
        return true;
    }

    /** CDK's shared builder for the force field, templates repaired; call holding BUILD_LOCK. */
    private static ModelBuilder3D builder(String forceField) {
        try {
            TemplateHandler3D templates = TemplateHandler3D.getInstance();
            RingTemplates.fix(templates);
            ModelBuilder3D builder =
                    ModelBuilder3D.getInstance(templates, forceField, SilentChemObjectBuilder.getInstance());
            WARMED.add(forceField);
            return builder;
        } catch (CDKException e) {
            throw new IllegalStateException("CDK 3D builder unavailable for force field " + forceField, e);
        }
    }

    @SuppressWarnings({"removal", "deprecation"})
    private static void stop(Thread thread) {
        try {
            thread.join(1000);
            if (thread.isAlive()) {
                thread.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UnsupportedOperationException e) {
            // Java 20+ cannot stop threads: the runaway build keeps its thread (a daemon) and the lock.
            LOG.warn("cannot stop the timed-out 3D build on thread {}; later 3D rows may time out", thread.getName());
        }
    }
}
