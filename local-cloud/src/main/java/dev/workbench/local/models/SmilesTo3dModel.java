package dev.workbench.local.models;

import dev.workbench.local.model.LocalModel;
import dev.workbench.local.model.ModelContext;
import dev.workbench.local.model.ModelFailure;
import dev.workbench.local.model.ModelInput;
import dev.workbench.local.model.ModelInstance;
import dev.workbench.local.model.ModelOutput;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * 3D coordinates (CDK ModelBuilder3D, force field from env {@code FORCE_FIELD}: {@code mm2} (default) or
 * {@code mmff94}, hydrogens made explicit, then relaxed and checked by {@link Relaxation}; where CDK's
 * builder fails or misplaces atoms, its 2D layout is relaxed into 3D instead) then 3D shape descriptors
 * ({@link ShapeDescriptors#COLUMNS}) for each SMILES in the {@code SMILES_COLUMN} column. Slow compared
 * with the 2D model: meant for an async endpoint. A structure that fails the geometry check, a SMILES of
 * several parts (a salt) or a build over env {@code MAX_SECONDS_PER_MOLECULE} (default 120) is a row error.
 */
public final class SmilesTo3dModel implements LocalModel {

    public static final String NAME = "smiles-to-3d";
    public static final String MAX_SECONDS_PER_MOLECULE = "MAX_SECONDS_PER_MOLECULE";
    public static final String FORCE_FIELD = "FORCE_FIELD";
    static final long DEFAULT_MAX_SECONDS = 120;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "CDK 3D coordinates and shape descriptors (radius of gyration, principal moments, NPR) from SMILES";
    }

    @Override
    public ModelInstance load(ModelContext context) {
        CdkLogging.install();
        String column = Env.string(context.environment(), SmilesDescriptorsModel.SMILES_COLUMN,
                SmilesDescriptorsModel.DEFAULT_SMILES_COLUMN);
        long seconds = Env.nonNegativeLong(context.environment(), MAX_SECONDS_PER_MOLECULE, DEFAULT_MAX_SECONDS);
        if (seconds == 0) {
            throw new ModelFailure(400, MAX_SECONDS_PER_MOLECULE + " must be at least 1");
        }
        String forceField = Env.string(context.environment(), FORCE_FIELD, "mm2").toLowerCase(Locale.ROOT);
        if (!forceField.equals("mm2") && !forceField.equals("mmff94")) {
            throw new ModelFailure(400, FORCE_FIELD + " must be mm2 or mmff94, got '" + forceField + "'");
        }
        Conformers conformers = new Conformers(forceField, Duration.ofSeconds(seconds));
        conformers.warmUpInBackground();
        return new Instance(column, conformers);
    }

    private record Instance(String smilesColumn, Conformers conformers) implements ModelInstance {

        @Override
        public ModelOutput invoke(ModelInput input) {
            CsvTable table = CsvInvocation.parse(input);
            int column = CsvInvocation.requireColumn(table, smilesColumn, SmilesDescriptorsModel.SMILES_COLUMN);
            List<String> blanks = Collections.nCopies(ShapeDescriptors.COLUMNS.size(), "");
            Csv.Writer writer = CsvInvocation.answer(table, ShapeDescriptors.COLUMNS);
            for (List<String> row : table.rows()) {
                List<String> values;
                String error = "";
                try {
                    values = conformers.shapeOf(row.get(column)).values();
                } catch (RowError e) {
                    values = blanks;
                    error = e.getMessage();
                } catch (RuntimeException e) {
                    values = blanks;
                    error = "3D build failed: " + Smiles.message(e);
                }
                writer.row(CsvInvocation.row(row, values, error));
            }
            return CsvInvocation.output(writer);
        }
    }
}
