package dev.workbench.local.models;

import static dev.workbench.local.models.ModelCalls.call;
import static dev.workbench.local.models.ModelCalls.cell;
import static dev.workbench.local.models.ModelCalls.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.local.model.ModelInstance;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EsolSolubilityModelTest {

    private final ModelInstance model = ModelCalls.load(EsolSolubilityModel.NAME, Map.of());

    @Test
    void fitsTheTrainSplitWithDelaneysSigns() {
        EsolFit fit = EsolFit.trained();
        double[] c = fit.coefficients();
        // Delaney's equation: log S = 0.16 - 0.63 clogP - 0.0062 MW + 0.066 RB - 0.74 AP; greasier, heavier and more
        // aromatic molecules dissolve less. The fit on CDK's XLogP must agree on the signs of logP, MW and AP.
        assertTrue(c[0] < 0, "logP coefficient " + fit);
        assertTrue(c[1] < 0, "MW coefficient " + fit);
        assertTrue(c[3] < 0, "aromatic proportion coefficient " + fit);
        // 902 train rows of 1128 (every fifth compound is held out); the few CDK cannot type are counted.
        assertEquals(902, fit.trainingRows() + fit.skippedRows());
        assertTrue(fit.skippedRows() < 20, "skipped " + fit.skippedRows());
    }

    @Test
    void predictsTheHoldoutFarBetterThanTheMean() throws Exception {
        CsvTable data;
        try (InputStream in = EsolFit.class.getResourceAsStream(EsolFit.RESOURCE)) {
            data = Csv.parse(in.readAllBytes());
        }
        StringBuilder csv = new StringBuilder("id,smiles\n");
        List<List<String>> holdout = data.rows().stream().filter(r -> r.get(4).equals("holdout")).toList();
        for (List<String> r : holdout) {
            csv.append(r.get(0)).append(',').append(r.get(2)).append('\n');
        }
        CsvTable out = call(model, csv.toString());
        assertEquals(226, out.rows().size());
        double sse = 0;
        int n = 0;
        for (int i = 0; i < holdout.size(); i++) {
            assertEquals(holdout.get(i).get(0), cell(out, i, "id"));
            if (!cell(out, i, "inference_error").isEmpty()) {
                continue;
            }
            double e = Double.parseDouble(holdout.get(i).get(3)) - number(out, i, "prediction");
            sse += e * e;
            n++;
        }
        double rmse = Math.sqrt(sse / n);
        // A model that learnt nothing (always the mean) is about 2 log units off on these compounds.
        assertTrue(rmse < 1.3, "holdout RMSE " + rmse);
        assertTrue(n > 215, "answered " + n);
    }

    @Test
    void anUnusableSmilesIsThatRowsError() {
        CsvTable out = call(model, "smiles\nCCO\nnot-a-smiles\n");
        assertEquals("", cell(out, 0, "inference_error"));
        assertTrue(number(out, 0, "prediction") > -1.5, "ethanol is miscible with water");
        assertTrue(cell(out, 1, "inference_error").startsWith("invalid SMILES"), cell(out, 1, "inference_error"));
        assertEquals("", cell(out, 1, "prediction"));
    }
}
