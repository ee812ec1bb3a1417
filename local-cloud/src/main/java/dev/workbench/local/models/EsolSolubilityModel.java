package dev.workbench.local.models;

import dev.workbench.local.model.LocalModel;
import dev.workbench.local.model.ModelContext;
import dev.workbench.local.model.ModelInput;
import dev.workbench.local.model.ModelInstance;
import dev.workbench.local.model.ModelOutput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Aqueous solubility (log10 mol/L) from a SMILES column (env {@code SMILES_COLUMN}, default {@code smiles}): the
 * ESOL-form linear model of {@link EsolFit}, trained on the bundled ESOL train split when the first instance loads.
 * Answers Workbench's regressor columns: {@code prediction}, plus the four descriptors it used ({@code esol_*}).
 * A SMILES CDK cannot use is that row's inference_error.
 */
public final class EsolSolubilityModel implements LocalModel {

    public static final String NAME = "esol-solubility";
    /** The measured column of the bundled data set, the model's target. */
    public static final String TARGET = "log_solubility";
    static final List<String> COLUMNS = List.of("prediction", "esol_logp", "esol_mw", "esol_rotatable_bonds",
            "esol_aromatic_proportion");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "aqueous solubility (log S) from SMILES: an ESOL-form linear model fitted on Delaney's ESOL train split";
    }

    @Override
    public ModelInstance load(ModelContext context) {
        String smilesColumn = Env.string(context.environment(), SmilesDescriptorsModel.SMILES_COLUMN,
                SmilesDescriptorsModel.DEFAULT_SMILES_COLUMN);
        return new Instance(smilesColumn, EsolFit.trained());
    }

    private record Instance(String smilesColumn, EsolFit fit) implements ModelInstance {

        @Override
        public ModelOutput invoke(ModelInput input) {
            CsvTable table = CsvInvocation.parse(input);
            int column = CsvInvocation.requireColumn(table, smilesColumn, SmilesDescriptorsModel.SMILES_COLUMN);
            MolecularDescriptors calculator = MolecularDescriptors.forThisThread();
            List<String> blanks = Collections.nCopies(COLUMNS.size(), "");
            Csv.Writer writer = CsvInvocation.answer(table, COLUMNS);
            for (List<String> row : table.rows()) {
                List<String> values = blanks;
                String error = "";
                try {
                    double[] x = calculator.esolFeatures(row.get(column));
                    values = new ArrayList<>(COLUMNS.size());
                    values.add(MolecularDescriptors.decimal(fit.predict(x)));
                    for (double v : x) {
                        values.add(MolecularDescriptors.decimal(v));
                    }
                } catch (RowError e) {
                    error = e.getMessage();
                } catch (RuntimeException e) {
                    error = "solubility prediction failed: " + Smiles.message(e);
                }
                writer.row(CsvInvocation.row(row, values, error));
            }
            return CsvInvocation.output(writer);
        }
    }
}
