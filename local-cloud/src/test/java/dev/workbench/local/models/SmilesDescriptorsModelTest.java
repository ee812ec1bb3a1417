package dev.workbench.local.models;

import static dev.workbench.local.models.ModelCalls.call;
import static dev.workbench.local.models.ModelCalls.cell;
import static dev.workbench.local.models.ModelCalls.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.local.model.ModelFailure;
import dev.workbench.local.model.ModelInput;
import dev.workbench.local.model.ModelInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SmilesDescriptorsModelTest {

    private final ModelInstance model = ModelCalls.load("smiles-descriptors", Map.of());

    @Test
    void computesTheDescriptorsChemistsKnow() {
        CsvTable out = call(model, """
                name,smiles
                aspirin,CC(=O)OC1=CC=CC=C1C(=O)O
                caffeine,CN1C=NC2=C1C(=O)N(C(=O)N2C)C
                ethanol,CCO
                ibuprofen,CC(C)CC1=CC=C(C=C1)C(C)C(=O)O
                """);
        assertEquals(List.of("name", "smiles", "formula", "mw", "xlogp", "tpsa", "hbd", "hba",
                "rotatable_bonds", "heavy_atoms", "inference_error"), out.header());
        assertEquals(4, out.rows().size());

        assertEquals("C9H8O4", cell(out, 0, "formula"));
        assertEquals(180.16, number(out, 0, "mw"), 0.01);
        assertEquals(63.6, number(out, 0, "tpsa"), 0.1); // Ertl TPSA of aspirin
        assertEquals("1", cell(out, 0, "hbd"));
        assertEquals("13", cell(out, 0, "heavy_atoms"));

        assertEquals(194.19, number(out, 1, "mw"), 0.01);
        // CDK's TPSA of caffeine agrees with PubChem (58.4); RDKit, typing the imidazole N differently, says 61.8.
        assertEquals(58.44, number(out, 1, "tpsa"), 0.1);
        assertEquals("0", cell(out, 1, "hbd"));
        assertEquals("0", cell(out, 1, "rotatable_bonds"));

        assertEquals(46.07, number(out, 2, "mw"), 0.01);
        assertEquals("1", cell(out, 2, "hbd"));
        assertEquals("1", cell(out, 2, "hba"));
        assertEquals(20.23, number(out, 2, "tpsa"), 0.01);

        assertEquals(206.28, number(out, 3, "mw"), 0.01);
        assertEquals("4", cell(out, 3, "rotatable_bonds"));
        // Ibuprofen is lipophilic (experimental logP ~3.97); aspirin much less so.
        assertTrue(number(out, 3, "xlogp") > 2.5, "ibuprofen xlogp " + cell(out, 3, "xlogp"));
        assertTrue(number(out, 3, "xlogp") > number(out, 0, "xlogp") + 1);
        for (int r = 0; r < 4; r++) {
            assertEquals("", cell(out, r, "inference_error"));
        }
    }

    @Test
    void anInvalidSmilesFailsOnlyItsRow() {
        CsvTable out = call(model, "id,smiles\n1,CCO\n2,C1CC(\n3,\n4,c1ccccc1\n5,C(C)(C)(C)(C)C\n6,[Zz]\n");
        assertEquals(6, out.rows().size());
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), out.rows().stream().map(r -> r.get(0)).toList());
        assertEquals("", cell(out, 0, "inference_error"));
        assertTrue(cell(out, 1, "inference_error").startsWith("invalid SMILES: "), cell(out, 1, "inference_error"));
        assertEquals("", cell(out, 1, "mw"));
        assertEquals("invalid SMILES: empty", cell(out, 2, "inference_error"));
        assertEquals(78.11, number(out, 3, "mw"), 0.01);
        assertEquals("unusual valence or charge at atom 1 (C)", cell(out, 4, "inference_error"));
        assertEquals("invalid SMILES: unknown element 'Zz' (atom 1)", cell(out, 5, "inference_error"));
    }

    @Test
    void theSmilesColumnCanBeRenamedAndAMissingOneIsA400NamingIt() {
        ModelInstance renamed = ModelCalls.load("smiles-descriptors", Map.of("SMILES_COLUMN", "structure"));
        CsvTable out = call(renamed, "structure\nO\n");
        assertEquals(18.02, number(out, 0, "mw"), 0.01);

        ModelFailure failure = assertThrows(ModelFailure.class, () -> call(model, "name,structure\nwater,O\n"));
        assertEquals(400, failure.statusCode());
        assertTrue(failure.getMessage().contains("'smiles'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("[name, structure]"), failure.getMessage());
    }

    @Test
    void anEmptyBodyIsAFailure() {
        ModelFailure failure = assertThrows(ModelFailure.class,
                () -> model.invoke(new ModelInput(new byte[0], "text/csv", "text/csv")));
        assertEquals(400, failure.statusCode());
    }

    @Test
    void echoesQuotedFieldsAndEmbeddedNewlinesUnchanged() {
        String input = "\uFEFFnote,smiles\r\n\"line one\r\nline \"\"two\"\", with comma\",CCO\r\nplain,C\r\n";
        CsvTable out = call(model, input);
        assertEquals("note", out.header().get(0));
        assertEquals("line one\r\nline \"two\", with comma", cell(out, 0, "note"));
        assertEquals("plain", cell(out, 1, "note"));
        assertEquals(16.04, number(out, 1, "mw"), 0.01);
    }

    @Test
    void everyExampleMoleculeGetsDescriptors() throws Exception {
        Path examples = Path.of("..", "examples", "molecules.csv");
        CsvTable molecules = Csv.parse(Files.readAllBytes(examples));
        assertEquals(List.of("name", "smiles"), molecules.header());
        assertTrue(molecules.rows().size() >= 120, "only " + molecules.rows().size() + " molecules");
        CsvTable out = call(model, Files.readString(examples));
        assertEquals(molecules.rows().size(), out.rows().size());
        List<String> problems = new ArrayList<>();
        for (int r = 0; r < out.rows().size(); r++) {
            assertEquals(molecules.rows().get(r).get(0), cell(out, r, "name"));
            if (!cell(out, r, "inference_error").isEmpty()) {
                problems.add(cell(out, r, "name") + ": " + cell(out, r, "inference_error"));
            }
        }
        assertEquals(List.of(), problems);
        // Spot checks against published molecular weights catch a mistyped structure.
        Map<String, Double> published = Map.of("aspirin", 180.16, "caffeine", 194.19, "atorvastatin", 558.64,
                "imatinib", 493.60, "cholesterol", 386.65, "morphine", 285.34, "sucrose", 342.30,
                "paclitaxel", 853.91, "glucose", 180.16);
        for (var entry : published.entrySet()) {
            int row = rowOf(out, entry.getKey());
            assertEquals(entry.getValue(), number(out, row, "mw"), 0.02, entry.getKey());
        }
    }

    @Test
    void servesConcurrentInvocationsWithTheSameAnswers() throws Exception {
        String csv = "smiles\nCC(=O)OC1=CC=CC=C1C(=O)O\nCN1C=NC2=C1C(=O)N(C(=O)N2C)C\nc1ccc2ccccc2c1\n";
        CsvTable expected = call(model, csv);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<CsvTable>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> call(model, csv)));
            }
            for (Future<CsvTable> answer : answers) {
                assertEquals(expected, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int rowOf(CsvTable table, String name) {
        for (int r = 0; r < table.rows().size(); r++) {
            if (table.rows().get(r).get(0).equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no example molecule " + name);
    }
}
