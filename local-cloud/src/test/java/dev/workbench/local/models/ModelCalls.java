package dev.workbench.local.models;

import dev.workbench.local.model.LocalModel;
import dev.workbench.local.model.ModelContext;
import dev.workbench.local.model.ModelInput;
import dev.workbench.local.model.ModelInstance;
import dev.workbench.local.model.ModelOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

/** Loads bundled models the way local-cloud does (ServiceLoader by name) and calls them with CSV text. */
final class ModelCalls {

    private ModelCalls() {
    }

    static ModelInstance load(String name, Map<String, String> env) {
        for (LocalModel model : ServiceLoader.load(LocalModel.class)) {
            if (model.name().equals(name)) {
                return model.load(new ModelContext(env, Path.of(System.getProperty("java.io.tmpdir"))));
            }
        }
        throw new AssertionError("no LocalModel named " + name + " registered");
    }

    static CsvTable call(ModelInstance model, String csv) {
        ModelOutput output = model.invoke(new ModelInput(csv.getBytes(StandardCharsets.UTF_8), "text/csv", "text/csv"));
        return Csv.parse(output.body());
    }

    /** The value of a named column in one output row. */
    static String cell(CsvTable table, int row, String column) {
        int index = table.header().indexOf(column);
        if (index < 0) {
            throw new AssertionError("no column " + column + " in " + table.header());
        }
        return table.rows().get(row).get(index);
    }

    static double number(CsvTable table, int row, String column) {
        return Double.parseDouble(cell(table, row, column));
    }
}
