package io.github.ncf.examples.cli;

import io.github.ncf.core.ProcessTuning;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.serve.Recommendation;
import io.github.ncf.core.serve.Recommender;
import io.github.ncf.core.serve.ScoreKind;
import io.github.ncf.data.movielens.ItemCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ncf recommend}: the top K items for users of a model saved by {@code ncf train --save}, with
 * titles, leaving out the items each user trained on.
 */
@Command(name = "recommend", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Recommend the top K items, with titles, to users of a model saved by 'ncf train "
                + "--save'. Items the user interacted with in training are left out unless "
                + "--include-seen is given.")
public final class RecommendCommand implements Callable<Integer> {

    private final Io io;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Folder of a saved model.")
    Path model;

    @Option(names = "--user", required = true, split = ",", paramLabel = "ID",
            description = "Raw user id(s) as in the data, e.g. 196; several separated by commas.")
    List<String> users;

    @Option(names = {"-k", "--top"}, defaultValue = "10", paramLabel = "K", description = "How many items (default 10).")
    int k;

    @Option(names = "--include-seen", defaultValue = "false",
            description = "Also rank the items the user interacted with in training.")
    boolean includeSeen;

    @Option(names = "--popular-fallback", defaultValue = "false",
            description = "Give users the model does not know the most popular items instead of an error.")
    boolean popularFallback;

    RecommendCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (k < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-k must be >= 1, got " + k);
        }
        for (String user : users) {
            if (user.isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--user must list non-empty ids, got \"" + String.join(",", users) + "\"");
            }
        }
        if (!Files.isDirectory(model)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model " + model
                    + " is not a folder; save one with 'ncf train --save DIR'");
        }
        ProcessTuning.forTraining(1);
        try (NcfModel loaded = NcfModel.load(model)) {
            ItemCatalog titles = Catalogs.of(loaded, model);
            Recommender recommender = Recommender.builder(loaded).excludeTrainingItems(!includeSeen)
                    .popularityFallback(popularFallback).build();
            for (String user : users) {
                if (!popularFallback && !recommender.knows(user)) {
                    throw new IllegalArgumentException("--user " + user + ": unknown to the model in " + model
                            + " (it knows " + loaded.userIds().size() + " users; give --popular-fallback to "
                            + "recommend the most popular items to unknown users)");
                }
                print(user, recommender.recommend(user, k), titles);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the model in " + model + ": " + e.getMessage(), e);
        }
        io.out().flush();
        return 0;
    }

    /**
     * Prints one user's list. The score column says what it holds: the model's logit for a known user,
     * the item's count of training interactions for a user served by the popularity fallback.
     */
    private void print(String user, List<Recommendation> top, ItemCatalog titles) {
        boolean fallback = top.stream().anyMatch(r -> r.kind() == ScoreKind.POPULARITY);
        io.out().println("user " + user + (fallback
                ? " (unknown to the model: most popular items; score = training interactions of the item)"
                : " (score = the model's logit)") + ":");
        io.out().printf(Locale.ROOT, "%4s  %-8s %9s  %s%n", "rank", "item", fallback ? "count" : "logit", "title");
        int rank = 1;
        for (Recommendation r : top) {
            String title = titles.find(r.itemId()).map(ItemCatalog.Item::title).orElse("");
            String score = r.kind() == ScoreKind.POPULARITY
                    ? String.format(Locale.ROOT, "%9d", Math.round(r.score()))
                    : String.format(Locale.ROOT, "%9.4f", r.score());
            io.out().printf(Locale.ROOT, "%4d  %-8s %s  %s%n", rank++, r.itemId(), score, title);
        }
    }
}
