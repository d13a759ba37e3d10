package io.github.ncf.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.model.NeuMF;
import io.github.ncf.core.serve.Recommendation;
import io.github.ncf.core.serve.Recommender;
import io.github.ncf.core.train.NcfTrainer;
import io.github.ncf.core.train.OptimizerKind;
import io.github.ncf.data.movielens.DataSource;
import io.github.ncf.data.movielens.MovieLensData;
import io.github.ncf.data.movielens.MovieLensVariant;
import io.github.ncf.data.sampling.NegativeSamplingDataset;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.data.testing.TestData;
import io.github.ncf.eval.EvaluationResult;
import io.github.ncf.eval.Evaluator;
import io.github.ncf.eval.metric.HitRate;
import io.github.ncf.eval.metric.Ndcg;
import io.github.ncf.eval.protocol.FullRanking;
import io.github.ncf.eval.protocol.SampledRanking;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's Java walkthrough, compiled and run so that it cannot rot: load MovieLens-100k, split,
 * build the negative-sampling dataset, build NeuMF, train, evaluate under both protocols, save, load
 * and recommend. The code between the README markers is, line for line, the block in
 * the root {@code README.md}; {@link #readme_showsThisWalkthroughVerbatim()} checks that.
 */
class ReadmeWalkthroughTest {

    private static final Path SOURCE = Path.of("src/test/java/io/github/ncf/examples/readme/ReadmeWalkthroughTest.java");

    @Test
    void walkthrough_trainsEvaluatesSavesAndRecommends() throws IOException {
        TestData.ml100k(); // skips the test unless NCF_DATA_DIR holds ml-100k, so nothing is downloaded
        // README:begin
        // Load MovieLens-100k: from --data-dir/NCF_DATA_DIR, the cache ~/.ncf/data, or GroupLens.
        MovieLensData ml = DataSource.builder().build().load(MovieLensVariant.ML_100K);

        // Hold out each user's latest interaction; ties in time are broken by file order.
        Split split = LeaveOneOutSplitter.builder().build().split(ml.interactions());

        // 4 fresh negatives per positive each epoch; a batch is 256 positives with their negatives.
        NegativeSamplingDataset dataset = NegativeSamplingDataset.builder()
                .train(split.train()).numNegatives(4).seed(42)
                .setSampling(256, true)
                .build();

        // NeuMF with the reference configuration: GMF 32, MLP 64 with layers 128-64-32, dropout 0.2.
        NeuMF neumf = NeuMF.builder()
                .numUsers(split.train().numUsers())
                .numItems(split.train().numItems())
                .build();
        Evaluator full = Evaluator.builder()
                .protocol(FullRanking.builder().train(split.train()).test(split.test()).build())
                .metrics(HitRate.at(10), Ndcg.at(10))
                .build();
        Evaluator sampled = Evaluator.builder()
                .protocol(SampledRanking.builder().train(split.train()).test(split.test())
                        .negatives(99).seed(42).build())
                .metrics(HitRate.at(10), Ndcg.at(10))
                .build();

        Path dir = Files.createTempDirectory("neumf");
        EvaluationResult fullResult;
        EvaluationResult sampledResult;
        try (NcfModel model = NcfModel.create(neumf, split.train())) {
            NcfTrainer trainer = NcfTrainer.builder()
                    .epochs(3) // the reference trains 10
                    .learningRate(0.001f).optimizer(OptimizerKind.ADAM).seed(42)
                    .build();
            trainer.fit(model, dataset);
            fullResult = full.evaluate(model);       // all items ranked, training items masked
            sampledResult = sampled.evaluate(model); // the held-out item among 99 sampled items
            System.out.println(fullResult);
            System.out.println(sampledResult);
            model.save(dir);
        }

        List<Recommendation> top10;
        try (NcfModel loaded = NcfModel.load(dir)) {
            top10 = Recommender.builder(loaded).build().recommend("196", 10);
        }
        for (Recommendation r : top10) {
            System.out.println(r.itemId() + "  " + ml.catalog().title(r.itemId()));
        }
        // README:end

        assertThat(fullResult.evaluatedUsers()).isEqualTo(943);
        assertThat(fullResult.mean("HR@10")).isBetween(0.03, 0.30);
        assertThat(sampledResult.mean("HR@10")).isGreaterThan(fullResult.mean("HR@10")).isLessThan(0.9);
        assertThat(top10).hasSize(10);
        int user = ml.interactions().userIds().index("196");
        for (Recommendation r : top10) {
            int item = ml.interactions().itemIds().index(r.itemId());
            assertThat(split.train().contains(user, item)).as("training item %s recommended", r.itemId()).isFalse();
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
