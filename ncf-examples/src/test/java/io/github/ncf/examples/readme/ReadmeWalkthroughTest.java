package io.github.ncf.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.model.NeuMF;
import io.github.ncf.core.serve.Recommendation;
import io.github.ncf.core.serve.ScoreKind;
import io.github.ncf.core.train.NcfTrainer;
import io.github.ncf.data.movielens.DataSource;
import io.github.ncf.data.movielens.MovieLensData;
import io.github.ncf.data.movielens.MovieLensVariant;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.data.testing.TestData;
import io.github.ncf.eval.EvaluationReport;
import io.github.ncf.eval.RankingEvaluation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's Java walkthrough, compiled and run so that it cannot rot: load MovieLens-100k, split
 * with validation, train NeuMF with early stopping on validation, evaluate both protocols on test,
 * save, load and recommend. The code between the README markers is, line for line, the block in
 * the root {@code README.md}; {@link #readme_showsThisWalkthroughVerbatim()} checks that.
 */
class ReadmeWalkthroughTest {

    private static final Path SOURCE = Path.of("src/test/java/io/github/ncf/examples/readme/ReadmeWalkthroughTest.java");

    @Test
    void walkthrough_trainsEvaluatesSavesAndRecommends() throws IOException {
        TestData.ml100k(); // skips the test unless NCF_DATA_DIR holds ml-100k, so nothing is downloaded
        // The walkthrough prints its results; the assertions below read what it printed.
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(new TeeOutputStream(console, printed), true, StandardCharsets.UTF_8));
        try {
        // README:begin
        MovieLensData ml = DataSource.builder().build().load(MovieLensVariant.ML_100K);
        Split split = LeaveOneOutSplitter.builder().validation(true).build().split(ml.interactions());
        // both protocols: all items ranked with known items masked, and the held-out item among 99 sampled; HR@10, NDCG@10
        RankingEvaluation evaluation = RankingEvaluation.builder().seed(42).build();
        NcfTrainer trainer = NcfTrainer.builder()
                .epochs(10).batchSize(256).negatives(4).seed(42)   // one seed: init, negatives, dropout derive from it
                .earlyStopping(evaluation.earlyStopping(split))     // selection reads validation only; best epoch restored
                .build();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "ncf-neumf");
        try (NcfModel model = trainer.fit(NeuMF.builder().build(), split.train())) {   // sizes inferred from train
            EvaluationReport test = evaluation.test(model, split);   // the test protocol, once, after selection
            System.out.println(test);              // full and sampled HR@10 / NDCG@10, typed: test.full().get(HitRate.at(10))
            model.save(dir);
        }
        try (NcfModel loaded = NcfModel.load(dir)) {
            for (Recommendation r : loaded.recommender().recommend("196", 10)) {
                System.out.println(r.itemId() + "  " + ml.catalog().title(r.itemId()) + "  " + r.score() + " " + r.kind());
            }
        }
        // README:end
        } finally {
            System.setOut(console);
        }

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        int at = lines.indexOf("TEST");
        assertThat(at).as("the printed report").isNotNegative();
        double fullHr = metric(lines.get(at + 1).strip(), "full: ", "HR@10");
        double sampledHr = metric(lines.get(at + 2).strip(), "sampled-99: ", "HR@10");
        assertThat(lines.get(at + 1)).contains("(943 users");
        assertThat(fullHr).isBetween(0.03, 0.30);
        assertThat(sampledHr).isGreaterThan(fullHr).isLessThan(0.9);
        List<String> recommendations = lines.subList(at + 3, lines.size()).stream()
                .filter(l -> l.endsWith(" " + ScoreKind.LOGIT)).toList();
        assertThat(recommendations).hasSize(10);
        try (NcfModel saved = NcfModel.load(Path.of(System.getProperty("java.io.tmpdir"), "ncf-neumf"))) {
            int epochsRun = Integer.parseInt(saved.provenance().get("epochsRun"));
            assertThat(epochsRun).isBetween(1, 10);
            assertThat(Integer.parseInt(saved.provenance().get("bestEpoch"))).isBetween(1, epochsRun);
        }
        MovieLensData ml = DataSource.builder().build().load(MovieLensVariant.ML_100K);
        Split split = LeaveOneOutSplitter.builder().validation(true).build().split(ml.interactions());
        int user = ml.interactions().userIds().index("196");
        for (String r : recommendations) {
            String itemId = r.substring(0, r.indexOf("  "));
            int item = ml.interactions().itemIds().index(itemId);
            assertThat(split.train().contains(user, item)).as("training item %s recommended", itemId).isFalse();
        }
    }

    private static double metric(String line, String protocol, String name) {
        assertThat(line).startsWith(protocol);
        int from = line.indexOf(name + "=") + name.length() + 1;
        return Double.parseDouble(line.substring(from, line.indexOf(' ', from)));
    }

    /** Writes to two streams, so the walkthrough's output still reaches the console. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeOutputStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }

    @Test
    void readme_showsThisWalkthroughVerbatim() throws IOException {
        String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
        String body = source.substring(source.indexOf("// README:begin\n") + "// README:begin\n".length(),
                source.indexOf("        // README:end"));
        String walkthrough = body.lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .collect(Collectors.joining("\n"));
        // The walkthrough lives in the repository's root README, the newcomer's first page.
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);

        assertThat(readme).contains(walkthrough);
    }
}
