package dev.workbench.local.models;

import java.util.List;
import java.util.Locale;
import org.openscience.cdk.aromaticity.Aromaticity;
import org.openscience.cdk.aromaticity.ElectronDonation;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.qsar.DescriptorValue;
import org.openscience.cdk.qsar.IMolecularDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.HBondAcceptorCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.HBondDonorCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.RotatableBondsCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.TPSADescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.XLogPDescriptor;
import org.openscience.cdk.qsar.result.DoubleResult;
import org.openscience.cdk.qsar.result.IDescriptorResult;
import org.openscience.cdk.qsar.result.IntegerResult;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;
import org.openscience.cdk.tools.manipulator.MolecularFormulaManipulator;

/**
 * CDK's 2D descriptors for one molecule. Descriptor objects hold parameters and caches, so each
 * thread gets its own calculator ({@link #forThisThread()}).
 */
final class MolecularDescriptors {

    static final List<String> COLUMNS =
            List.of("formula", "mw", "xlogp", "tpsa", "hbd", "hba", "rotatable_bonds", "heavy_atoms");

    private static final ThreadLocal<MolecularDescriptors> PER_THREAD = ThreadLocal.withInitial(() -> {
        CdkLogging.install();
        return new MolecularDescriptors();
    });

    private final Smiles smiles = new Smiles();
    private final IMolecularDescriptor xlogp = init(new XLogPDescriptor(), true, true);
    private final IMolecularDescriptor tpsa = init(new TPSADescriptor(), true);
    private final IMolecularDescriptor donors = init(new HBondDonorCountDescriptor());
    private final IMolecularDescriptor acceptors = init(new HBondAcceptorCountDescriptor(), true);
    // Terminal rotors (e.g. -CH3, -OH) not counted and amides counted: the usual Veber-style count.
    private final IMolecularDescriptor rotatable = init(new RotatableBondsCountDescriptor(), false, false);

    static MolecularDescriptors forThisThread() {
        return PER_THREAD.get();
    }

    /** The parsed, atom-typed molecule (this thread's parser). */
    IAtomContainer parse(String smilesText) {
        return smiles.parse(smilesText);
    }

    /** The values in {@link #COLUMNS} order, formatted for CSV; a {@link RowError} when any cannot be computed. */
    List<String> compute(String smilesText) {
        IAtomContainer molecule = smiles.parse(smilesText);
        double mw = AtomContainerManipulator.getMass(molecule, AtomContainerManipulator.MolWeight);
        String formula = MolecularFormulaManipulator.getString(MolecularFormulaManipulator.getMolecularFormula(molecule));
        int heavy = 0;
        for (IAtom atom : molecule.atoms()) {
            if (atom.getAtomicNumber() != null && atom.getAtomicNumber() > 1) {
                heavy++;
            }
        }
        return List.of(
                formula,
                decimal(mw),
                decimal(number(xlogp, molecule)),
                decimal(number(tpsa, molecule)),
                integer(number(donors, molecule)),
                integer(number(acceptors, molecule)),
                integer(number(rotatable, molecule)),
                Integer.toString(heavy));
    }

    /**
     * The four inputs of Delaney's ESOL equation: XLogP, molecular weight, rotatable bonds and the aromatic
     * proportion (aromatic heavy atoms over heavy atoms, aromaticity perceived with CDK's Daylight model).
     */
    double[] esolFeatures(String smilesText) {
        IAtomContainer molecule = smiles.parse(smilesText);
        double mw = AtomContainerManipulator.getMass(molecule, AtomContainerManipulator.MolWeight);
        double logp = number(xlogp, molecule);
        double rotors = number(rotatable, molecule);
        IAtomContainer perceived;
        try {
            perceived = molecule.clone();
            // Cheap to create and keeps no state between molecules.
            new Aromaticity(ElectronDonation.daylight(), Cycles.or(Cycles.all(), Cycles.all(6))).apply(perceived);
        } catch (CloneNotSupportedException | CDKException e) {
            throw new RowError("aromaticity perception failed: " + Smiles.message(e));
        }
        int heavy = 0;
        int aromatic = 0;
        for (IAtom atom : perceived.atoms()) {
            if (atom.getAtomicNumber() != null && atom.getAtomicNumber() > 1) {
                heavy++;
                if (atom.isAromatic()) {
                    aromatic++;
                }
            }
        }
        if (heavy == 0) {
            throw new RowError("no heavy atoms: ESOL is not defined for this molecule");
        }
        return new double[] {logp, mw, rotors, aromatic / (double) heavy};
    }

    private static double number(IMolecularDescriptor descriptor, IAtomContainer molecule) {
        String name = descriptor.getDescriptorNames()[0];
        DescriptorValue value;
        try {
            // Descriptors may add flags or aromaticity; they work on a copy so each sees the parsed molecule.
            value = descriptor.calculate(molecule.clone());
        } catch (CloneNotSupportedException | RuntimeException e) {
            throw new RowError(name + " failed: " + Smiles.message(e));
        }
        if (value.getException() != null) {
            throw new RowError(name + " failed: " + Smiles.message(value.getException()));
        }
        IDescriptorResult result = value.getValue();
        double number;
        if (result instanceof DoubleResult d) {
            number = d.doubleValue();
        } else if (result instanceof IntegerResult i) {
            number = i.intValue();
        } else {
            throw new RowError(name + " gave an unexpected result " + result);
        }
        if (Double.isNaN(number)) {
            throw new RowError(name + " could not be computed");
        }
        return number;
    }

    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String integer(double value) {
        return Long.toString(Math.round(value));
    }

    private static IMolecularDescriptor init(IMolecularDescriptor descriptor, Object... parameters) {
        descriptor.initialise(SilentChemObjectBuilder.getInstance());
        if (parameters.length > 0) {
            try {
                descriptor.setParameters(parameters);
            } catch (CDKException e) {
                throw new IllegalStateException("bad parameters for " + descriptor.getClass().getSimpleName(), e);
            }
        }
        return descriptor;
    }
}
