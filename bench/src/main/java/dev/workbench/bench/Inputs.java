package dev.workbench.bench;

import dev.workbench.api.Frame;
import java.util.ArrayList;
import java.util.List;

/** Benchmark inputs, made here so every run is the same. */
final class Inputs {
    private Inputs() {
    }

    /** {@code rows} rows of an id and a short text payload. */
    static Frame rows(int rows) {
        List<List<String>> data = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            data.add(List.of(Integer.toString(i), "payload-" + (i * 7919 % 100_003)));
        }
        return Frame.of(List.of("id", "text"), data);
    }

    /** A column {@code smiles} cycling through small real molecules. */
    static Frame molecules(int rows) {
        String[] smiles = {"CCO", "CC(=O)OC1=CC=CC=C1C(=O)O", "CN1C=NC2=C1C(=O)N(C(=O)N2C)C", "c1ccccc1",
            "CC(C)CC1=CC=C(C=C1)C(C)C(=O)O", "CC(=O)NC1=CC=C(O)C=C1", "OC(=O)CCC(=O)O", "C1CCCCC1"};
        List<List<String>> data = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            data.add(List.of(Integer.toString(i), smiles[i % smiles.length]));
        }
        return Frame.of(List.of("id", "smiles"), data);
    }
}
