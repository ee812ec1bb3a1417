package dev.workbench.local.models;

import dev.workbench.local.model.ModelFailure;
import dev.workbench.local.model.ModelInput;
import dev.workbench.local.model.ModelOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape every bundled model shares: CSV with a header in; CSV out with every input column echoed,
 * then the model's columns, then {@code inference_error}. Bad requests become {@link ModelFailure} 400.
 */
final class CsvInvocation {

    static final String ERROR_COLUMN = "inference_error";
    static final String CONTENT_TYPE = "text/csv";

    private CsvInvocation() {
    }

    /** Parses the body; an empty body, a header without rows or malformed CSV is a 400. */
    static CsvTable parse(ModelInput input) {
        if (input.body().length == 0) {
            throw new ModelFailure(400, "empty request body: expected CSV with a header row");
        }
        CsvTable table;
        try {
            table = Csv.parse(input.body());
        } catch (CsvFormatException e) {
            throw new ModelFailure(400, "malformed CSV: " + e.getMessage());
        }
        if (table.header().isEmpty()) {
            throw new ModelFailure(400, "empty request body: expected CSV with a header row");
        }
        return table;
    }

    /** The index of a required column, or a 400 naming it (and the variable that renames it) and what was sent. */
    static int requireColumn(CsvTable table, String column, String envVariable) {
        int index = table.columnIndex(column);
        if (index < 0) {
            throw new ModelFailure(400, "missing required column '" + column + "' (set " + envVariable
                    + " to use another); columns present: " + table.header());
        }
        return index;
    }

    /** Starts the answer: input header, then the model's columns, then inference_error. */
    static Csv.Writer answer(CsvTable input, List<String> outputColumns) {
        List<String> header = new ArrayList<>(input.header().size() + outputColumns.size() + 1);
        header.addAll(input.header());
        header.addAll(outputColumns);
        header.add(ERROR_COLUMN);
        return new Csv.Writer(header);
    }

    /** One output row: the input fields as given, the values (empty strings on error), the error or "". */
    static List<String> row(List<String> inputRow, List<String> values, String error) {
        List<String> out = new ArrayList<>(inputRow.size() + values.size() + 1);
        out.addAll(inputRow);
        out.addAll(values);
        out.add(error);
        return out;
    }

    static ModelOutput output(Csv.Writer writer) {
        return new ModelOutput(writer.toBytes(), CONTENT_TYPE);
    }
}
