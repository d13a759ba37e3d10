package io.github.ncf.examples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ncf.core.ProcessTuning;
import io.github.ncf.core.Scorer;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.movielens.MovieLensReader;
import io.github.ncf.data.movielens.MovieLensVariant;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.eval.EvaluationResult;
import io.github.ncf.eval.EvaluationReport;
import io.github.ncf.eval.ProtocolEvaluator;
import io.github.ncf.eval.RankingEvaluation;
import io.github.ncf.eval.SplitKind;
import io.github.ncf.eval.baseline.EASE;
import io.github.ncf.eval.baseline.ImplicitALS;
import io.github.ncf.eval.baseline.ItemKNN;
import io.github.ncf.eval.baseline.ItemPopularity;
import io.github.ncf.eval.compare.BootstrapInterval;
import io.github.ncf.eval.compare.KendallTau;
import io.github.ncf.eval.compare.PairedBootstrap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Chooses every baseline's hyperparameters on a validation hold-out of ML-100k and tests the chosen
 * configurations once: the measured source of the baseline figures in the ncf-eval README.
 *
 * <p>The split is leave-one-out by time with file-order ties, with a validation row per user (the
 * latest row before the test row). Every candidate configuration is fitted on the training rows and
 * scored by full-ranking HR@10 on the validation rows (NDCG@10 breaks ties). The chosen
 * configuration is then refitted on training and validation rows together and evaluated once on the
 * test rows under full ranking (known items masked) and sampled ranking (99 seeded negatives).
 * Also printed: each model's paired-bootstrap 95% interval of its test HR@10 difference to the best
 * model, and Kendall's tau between the full and sampled orderings. Fit times are wall-clock seconds
 * with one PyTorch intra-op thread.
 *
 * <pre>{@code
 * java -cp ncf-examples.jar io.github.ncf.examples.bench.BaselineSelection ../shared/data target/baselines.json
 * }</pre>
 */
public final class BaselineSelection {

    private BaselineSelection() {
    }

    /** One candidate: a label and how to fit it. */
    private record Candidate(String label, Function<Interactions, Scorer> fit) {
    }

    /** The outcome of a search: the best candidate, its validation figures, every trial. */
    private record Selection(Candidate best, double hr, double ndcg, List<Map<String, Object>> trials,
            double seconds) {
    }

    /**
     * Runs the selection.
     *
     * @param args the folder holding {@code ml-100k/} (default {@code $NCF_DATA_DIR}), then optionally
     *     the JSON output file (default {@code target/baseline-selection.json})
     * @throws IOException if the data cannot be read or the JSON cannot be written
     */
    public static void main(String[] args) throws IOException {
        String root = args.length > 0 ? args[0] : System.getenv("NCF_DATA_DIR");
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("no data folder: pass it as the first argument or set"
                    + " NCF_DATA_DIR to the folder holding ml-100k/");
        }
        Path out = Path.of(args.length > 1 ? args[1] : "target/baseline-selection.json");
        ProcessTuning.forTraining(1);
        Split split = LeaveOneOutSplitter.builder().validation(true).build().split(
                MovieLensReader.read(MovieLensVariant.ML_100K, Path.of(root).resolve("ml-100k")).interactions());
        RankingEvaluation evaluation = RankingEvaluation.builder().build();
        // Full ranking on the validation rows, training rows masked: the test rows are never read.
        ProtocolEvaluator validation = evaluation.evaluators(split, SplitKind.VALIDATION).get(0);

        Map<String, Selection> selections = new LinkedHashMap<>();
        selections.put("ItemPopularity", select("ItemPopularity",
                List.of(new Candidate("-", ItemPopularity::fit)), split.train(), validation));
        List<Candidate> knn = new ArrayList<>();
        for (int k : new int[] {5, 10, 20, 50, 100, 200}) {
            knn.add(new Candidate("k=" + k, ItemKNN.builder().k(k)::fit));
        }
        selections.put("ItemKNN", select("ItemKNN", knn, split.train(), validation));
        List<Candidate> ease = new ArrayList<>();
        for (double lambda : new double[] {10, 20, 50, 100, 200, 500, 1000, 2000}) {
            ease.add(new Candidate("lambda=" + fmt(lambda), EASE.builder().lambda(lambda)::fit));
        }
        selections.put("EASE", select("EASE", ease, split.train(), validation));
        selections.put("ImplicitALS", selectAls(split.train(), validation));

        Map<String, Object> report = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<EvaluationResult[]> tests = new ArrayList<>();
        System.out.println("| model | chosen on validation | validation full HR@10 | fit s | test full HR@10 | "
                + "test full NDCG@10 | test sampled HR@10 | test sampled NDCG@10 |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, Selection> e : selections.entrySet()) {
            Selection sel = e.getValue();
            long start = System.nanoTime();
            Scorer chosen = sel.best().fit().apply(split.trainAndValidation());
            double fitSeconds = (System.nanoTime() - start) / 1e9;
            EvaluationReport test = evaluation.test(chosen, split);
            EvaluationResult f = test.full();
            EvaluationResult s = test.sampled();
            names.add(e.getKey());
            tests.add(new EvaluationResult[] {f, s});
            System.out.printf(Locale.ROOT, "| %s | %s | %.4f | %.2f | %.4f | %.4f | %.4f | %.4f |%n",
                    e.getKey(), sel.best().label(), sel.hr(), fitSeconds, f.mean("HR@10"),
                    f.mean("NDCG@10"), s.mean("HR@10"), s.mean("NDCG@10"));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("chosen", sel.best().label());
            entry.put("scorer", chosen.toString());
            entry.put("validationHR@10", sel.hr());
            entry.put("validationNDCG@10", sel.ndcg());
            entry.put("searchSeconds", sel.seconds());
            entry.put("fitSeconds", fitSeconds);
            entry.put("testFull", f.means());
            entry.put("testSampled", s.means());
            entry.put("trials", sel.trials());
            report.put(e.getKey(), entry);
        }
        report.put("comparison", compare(names, tests));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
        System.out.println("wrote " + out);
    }

    /** Fits each candidate on the validation training rows and keeps the best by HR@10, then NDCG@10. */
    private static Selection select(String name, List<Candidate> grid, Interactions train,
            ProtocolEvaluator validation) {
        List<Map<String, Object>> trials = new ArrayList<>();
        Candidate best = null;
        double bestHr = -1;
        double bestNdcg = -1;
        double seconds = 0;
        for (Candidate c : grid) {
            long start = System.nanoTime();
            Scorer scorer = c.fit().apply(train);
            double fitSeconds = (System.nanoTime() - start) / 1e9;
            EvaluationResult v = validation.evaluate(scorer);
            seconds += (System.nanoTime() - start) / 1e9;
            double hr = v.mean("HR@10");
            double ndcg = v.mean("NDCG@10");
            trials.add(Map.of("config", c.label(), "validationHR@10", hr, "validationNDCG@10", ndcg,
                    "fitSeconds", fitSeconds));
            System.err.printf(Locale.ROOT, "%s %s: validation HR@10 %.4f NDCG@10 %.4f, fit %.2f s%n", name,
                    c.label(), hr, ndcg, fitSeconds);
            if (hr > bestHr || (hr == bestHr && ndcg > bestNdcg)) {
                best = c;
                bestHr = hr;
                bestNdcg = ndcg;
            }
        }
        return new Selection(best, bestHr, bestNdcg, trials, seconds);
    }

    /**
     * iALS in two stages, to bound the search time: lambda and alpha at 64 factors, then the factor
     * count at the chosen lambda and alpha; 15 iterations throughout.
     */
    private static Selection selectAls(Interactions train, ProtocolEvaluator validation) {
        List<Candidate> first = new ArrayList<>();
        for (double lambda : new double[] {3, 10, 30}) {
            for (double alpha : new double[] {0.5, 1, 2, 4}) {
                first.add(als(64, lambda, alpha));
            }
        }
        Selection stage1 = select("ImplicitALS", first, train, validation);
        String[] parts = stage1.best().label().split(" ");
        double lambda = Double.parseDouble(parts[1].substring("lambda=".length()));
        double alpha = Double.parseDouble(parts[2].substring("alpha=".length()));
        List<Candidate> second = List.of(als(32, lambda, alpha), als(128, lambda, alpha));
        Selection stage2 = select("ImplicitALS", second, train, validation);
        List<Map<String, Object>> trials = new ArrayList<>(stage1.trials());
        trials.addAll(stage2.trials());
        Selection best = stage2.hr() > stage1.hr()
                || (stage2.hr() == stage1.hr() && stage2.ndcg() > stage1.ndcg()) ? stage2 : stage1;
        return new Selection(best.best(), best.hr(), best.ndcg(), trials, stage1.seconds() + stage2.seconds());
    }

    private static Candidate als(int factors, double lambda, double alpha) {
        return new Candidate(String.format(Locale.ROOT, "factors=%d lambda=%s alpha=%s", factors, fmt(lambda),
                fmt(alpha)), ImplicitALS.builder().factors(factors).lambda(lambda).alpha(alpha)
                .iterations(15)::fit);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }


    /** Bootstrap intervals of each model's test HR@10 against the best, and tau between protocols. */
    private static Map<String, Object> compare(List<String> names, List<EvaluationResult[]> tests) {
        Map<String, Object> result = new LinkedHashMap<>();
        PairedBootstrap bootstrap = PairedBootstrap.builder().build();
        double[] fullHr = new double[names.size()];
        double[] sampledHr = new double[names.size()];
        int best = 0;
        for (int m = 0; m < names.size(); m++) {
            fullHr[m] = tests.get(m)[0].mean("HR@10");
            sampledHr[m] = tests.get(m)[1].mean("HR@10");
            if (fullHr[m] > fullHr[best]) {
                best = m;
            }
        }
        System.out.println();
        System.out.println("test full HR@10 difference to " + names.get(best) + " (paired bootstrap):");
        Map<String, String> intervals = new LinkedHashMap<>();
        for (int m = 0; m < names.size(); m++) {
            if (m != best) {
                BootstrapInterval ci = bootstrap.interval(tests.get(m)[0].values("HR@10"),
                        tests.get(best)[0].values("HR@10"));
                intervals.put(names.get(m), ci.toString());
                System.out.println("  " + names.get(m) + ": " + ci);
            }
        }
        double tau = KendallTau.tauB(fullHr, sampledHr);
        System.out.printf(Locale.ROOT, "Kendall tau-b of the models' HR@10, full vs sampled: %.3f%n", tau);
        result.put("best", names.get(best));
        result.put("fullHR@10DifferenceToBest", intervals);
        result.put("kendallTauFullVsSampledHR@10", tau);
        return result;
    }
}
