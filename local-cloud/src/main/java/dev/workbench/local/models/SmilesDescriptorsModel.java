package dev.workbench.local.models;

import dev.workbench.local.model.LocalModel;
import dev.workbench.local.model.ModelContext;
import dev.workbench.local.model.ModelInput;
import dev.workbench.local.model.ModelInstance;
import dev.workbench.local.model.ModelOutput;
import java.util.Collections;
import java.util.List;

/**
 * Fast 2D descriptors from a SMILES column (env {@code SMILES_COLUMN}, default {@code smiles}) with CDK:
 * formula, mw, xlogp, tpsa, hbd, hba, rotatable_bonds, heavy_atoms. An unusable SMILES is that row's
 * inference_error; the other rows are answered.
 */
public final class SmilesDescriptorsModel implements LocalModel {

    public static final String NAME = "smiles-descriptors";
    public static final String SMILES_COLUMN = "SMILES_COLUMN";
    static final String DEFAULT_SMILES_COLUMN = "smiles";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "CDK 2D descriptors (MW, XLogP, TPSA, H-bond donors/acceptors, rotatable bonds) from a SMILES column";
    }

    @Override
    public ModelInstance load(ModelContext context) {
        return new Instance(Env.string(context.environment(), SMILES_COLUMN, DEFAULT_SMILES_COLUMN));
    }

    private record Instance(String smilesColumn) implements ModelInstance {

        @Override
        public ModelOutput invoke(ModelInput input) {
            CsvTable table = CsvInvocation.parse(input);
            int column = CsvInvocation.requireColumn(table, smilesColumn, SMILES_COLUMN);
            MolecularDescriptors calculator = MolecularDescriptors.forThisThread();
            List<String> blanks = Collections.nCopies(MolecularDescriptors.COLUMNS.size(), "");
            Csv.Writer writer = CsvInvocation.answer(table, MolecularDescriptors.COLUMNS);
            for (List<String> row : table.rows()) {
                List<String> values;
                String error = "";
                try {
                    values = calculator.compute(row.get(column));
                } catch (RowError e) {
                    values = blanks;
                    error = e.getMessage();
                } catch (RuntimeException e) {
                    // CDK can throw unchecked exceptions on odd structures; that row fails, not the batch.
                    values = blanks;
                    error = "descriptor calculation failed: " + Smiles.message(e);
                }
                writer.row(CsvInvocation.row(row, values, error));
            }
            return CsvInvocation.output(writer);
        }
    }
}
