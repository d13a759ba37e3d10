package io.github.ncf.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ncf.core.Engines;
import io.github.ncf.data.Interactions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL during a save over an existing model leaves a directory that loads
 * the old model or the new one: at each step of the save, and at random moments of saves in a loop.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashDuringSaveTest {

    private static final int SCORED_USERS = 40;
    private static float[] scoresA;
    private static float[] scoresB;

    @TempDir
    Path tmp;

    @BeforeAll
    static void models() {
        Engines.start();
        Interactions data = CrashingSaver.data();
        try (NcfModel a = CrashingSaver.model(data, 0); NcfModel b = CrashingSaver.model(data, 1)) {
            scoresA = scores(a);
            scoresB = scores(b);
        }
        assertThat(Arrays.equals(scoresA, scoresB)).isFalse();
    }

    private static float[] scores(NcfModel model) {
        int[] users = new int[SCORED_USERS];
        for (int u = 0; u < users.length; u++) {
            users[u] = u * 7;
        }
        float[] out = new float[users.length * model.numItems()];
        model.scoreAllItems(users, out);
        return out;
    }

    private static float[] loadedScores(Path dir) throws IOException {
        try (NcfModel loaded = NcfModel.load(dir)) {
            return scores(loaded);
        }
    }

    /**
     * Names the model whose scores these are: "A", "B" or "neither" (compared whole: AssertJ's
     * element diff of two 80,000-float arrays that differ is quadratic and takes minutes).
     */
    private static String whichModel(float[] scores) {
        return Arrays.equals(scores, scoresA) ? "A" : Arrays.equals(scores, scoresB) ? "B" : "neither";
    }

    private Path savedA(String name) throws IOException {
        Path dir = tmp.resolve(name);
        try (NcfModel a = CrashingSaver.model(CrashingSaver.data(), 0)) {
            a.save(dir);
        }
        return dir;
    }

    /** A child process and its output. */
    private record Child(Process process, BufferedReader out, Path log) {

        /** Waits until the child prints a line starting with {@code prefix}. */
        void await(String prefix) throws IOException {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(prefix)) {
                    return;
                }
            }
            process.destroyForcibly();
            throw new AssertionError("the child ended without printing \"" + prefix
                    + "\"; its log:\n" + Files.readString(log));
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private Child start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingSaver.class.getName()));
        cmd.addAll(List.of(args));
        Path log = tmp.resolve("child-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        return new Child(process, new BufferedReader(new InputStreamReader(
                process.getInputStream(), StandardCharsets.UTF_8)), log);
    }

    // The children start together: each spends seconds starting the engine.

    @Test
    void killAtStepsOfSave_leavesTheOldModelBeforeTheSwapAndTheNewAfter() throws Exception {
        List<String> steps = List.of("data-written", "manifest-written", "swapped");
        List<Child> children = new ArrayList<>();
        try {
            for (String step : steps) {
                children.add(start(savedA(step).toString(), "pause", step));
            }
            for (int k = 0; k < steps.size(); k++) {
                String step = steps.get(k);
                children.get(k).await("paused " + step);
                children.get(k).kill();
                assertThat(whichModel(loadedScores(tmp.resolve(step)))).as("killed at " + step)
                        .isEqualTo(step.equals("swapped") ? "B" : "A");
            }
        } finally {
            killAll(children);
        }
    }

    private static void killAll(List<Child> children) throws InterruptedException {
        for (Child child : children) {
            child.kill();
        }
    }

    @Test
    void killAtRandomMomentsOfRepeatedSaves_leavesOneOfTheTwoModels() throws Exception {
        SplittableRandom random = new SplittableRandom(20261130L);
        // One at a time: a child saving in a loop takes a core from everything else.
        for (int round = 0; round < 2; round++) {
            Path dir = savedA("loop" + round);
            Child child = start(dir.toString(), "loop");
            try {
                child.await("saved 0");
                Thread.sleep(random.nextInt(300));
            } finally {
                child.kill();
            }
            assertThat(whichModel(loadedScores(dir))).as("round " + round).isIn("A", "B");
            try (NcfModel a = CrashingSaver.model(CrashingSaver.data(), 0)) {
                a.save(dir);
            }
            try (Stream<Path> entries = Files.list(dir)) {
                assertThat(entries.filter(p -> p.getFileName().toString()
                        .startsWith(ModelDirectory.DATA_PREFIX))).as("leftovers removed").hasSize(1);
            }
        }
    }
}
