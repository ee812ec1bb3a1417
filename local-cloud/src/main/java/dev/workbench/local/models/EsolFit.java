package dev.workbench.local.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A linear model of aqueous solubility in the form of Delaney's ESOL equation (J. S. Delaney, "ESOL: Estimating
 * Aqueous Solubility Directly from Molecular Structure", J. Chem. Inf. Comput. Sci. 2004, 44, 1000-1005):
 * log S = c0 + c1 logP + c2 MW + c3 RB + c4 AP, with CDK's XLogP for logP. The coefficients are not Delaney's: they
 * are fitted here by ridge regression (standardised features, a small penalty, intercept not penalised) on the rows
 * of the bundled {@code esol.csv} whose {@code split} is {@code train}; the {@code holdout} rows are never seen, so
 * an evaluation on them measures the model honestly.
 */
final class EsolFit {

    static final String RESOURCE = "esol.csv";
    static final List<String> FEATURES = List.of("logp", "mw", "rotatable_bonds", "aromatic_proportion");
    /** Penalty on the standardised coefficients; small against ~900 rows, it only guards against collinearity. */
    static final double LAMBDA = 1.0;

    private static final Logger LOG = LoggerFactory.getLogger(EsolFit.class);
    private static volatile EsolFit trained;

    private final double intercept;
    private final double[] coefficients;
    private final int trainingRows;
    private final int skippedRows;

    private EsolFit(double intercept, double[] coefficients, int trainingRows, int skippedRows) {
        this.intercept = intercept;
        this.coefficients = coefficients;
        this.trainingRows = trainingRows;
        this.skippedRows = skippedRows;
    }

    /** The model fitted on the bundled training split, once per JVM (a few seconds of descriptor calculation). */
    static EsolFit trained() {
        EsolFit fit = trained;
        if (fit == null) {
            synchronized (EsolFit.class) {
                fit = trained;
                if (fit == null) {
                    fit = fitBundled();
                    trained = fit;
                }
            }
        }
        return fit;
    }

    private static EsolFit fitBundled() {
        CsvTable table;
        try (InputStream in = EsolFit.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the ESOL training data " + RESOURCE + " is not on the class path");
            }
            table = Csv.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        int smiles = table.columnIndex("smiles");
        int target = table.columnIndex("log_solubility");
        int split = table.columnIndex("split");
        MolecularDescriptors calculator = MolecularDescriptors.forThisThread();
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        int skipped = 0;
        for (List<String> row : table.rows()) {
            if (!"train".equals(row.get(split))) {
                continue;
            }
            try {
                x.add(calculator.esolFeatures(row.get(smiles)));
                y.add(Double.parseDouble(row.get(target)));
            } catch (RuntimeException e) {
                // A structure CDK cannot type is left out of training (and counted), as it would fail at inference.
                skipped++;
            }
        }
        EsolFit fit = fit(x, y.stream().mapToDouble(Double::doubleValue).toArray(), LAMBDA, skipped);
        LOG.info("esol-solubility fitted on {} training molecules ({} skipped): {}", fit.trainingRows, skipped, fit);
        return fit;
    }

    /** Ridge regression on standardised features; coefficients reported back in the features' own units. */
    static EsolFit fit(List<double[]> x, double[] y, double lambda, int skipped) {
        int n = x.size();
        int p = FEATURES.size();
        if (n <= p) {
            throw new IllegalStateException("too few training rows for the ESOL fit: " + n);
        }
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < p; j++) {
            sd[j] = sd[j] > 0 ? Math.sqrt(sd[j]) : 1.0;
        }
        double yMean = 0;
        for (double v : y) {
            yMean += v / n;
        }
        // Normal equations (Z'Z + lambda I) b = Z'(y - mean y) on the standardised Z.
        double[][] a = new double[p][p + 1];
        for (int i = 0; i < n; i++) {
            double[] z = new double[p];
            for (int j = 0; j < p; j++) {
                z[j] = (x.get(i)[j] - mean[j]) / sd[j];
            }
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < p; k++) {
                    a[j][k] += z[j] * z[k];
                }
                a[j][p] += z[j] * (y[i] - yMean);
            }
        }
        for (int j = 0; j < p; j++) {
            a[j][j] += lambda;
        }
        double[] b = solve(a);
        double[] coefficients = new double[p];
        double intercept = yMean;
        for (int j = 0; j < p; j++) {
            coefficients[j] = b[j] / sd[j];
            intercept -= coefficients[j] * mean[j];
        }
        return new EsolFit(intercept, coefficients, n, skipped);
    }

    /** Gauss-Jordan elimination with partial pivoting on an augmented, symmetric positive definite system. */
    private static double[] solve(double[][] a) {
        int p = a.length;
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int r = 0; r < p; r++) {
                if (r != col) {
                    double factor = a[r][col] / a[col][col];
                    for (int c = col; c <= p; c++) {
                        a[r][c] -= factor * a[col][c];
                    }
                }
            }
        }
        double[] b = new double[p];
        for (int j = 0; j < p; j++) {
            b[j] = a[j][p] / a[j][j];
        }
        return b;
    }

    double predict(double[] features) {
        double v = intercept;
        for (int j = 0; j < coefficients.length; j++) {
            v += coefficients[j] * features[j];
        }
        return v;
    }

    double intercept() {
        return intercept;
    }

    double[] coefficients() {
        return coefficients.clone();
    }

    int trainingRows() {
        return trainingRows;
    }

    int skippedRows() {
        return skippedRows;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "log S = %.4f", intercept));
        for (int j = 0; j < coefficients.length; j++) {
            s.append(String.format(Locale.ROOT, " %s %.5f %s", coefficients[j] < 0 ? "-" : "+", Math.abs(coefficients[j]),
                    FEATURES.get(j)));
        }
        return s.toString();
    }
}
