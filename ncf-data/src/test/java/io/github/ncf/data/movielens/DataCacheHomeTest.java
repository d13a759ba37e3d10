package io.github.ncf.data.movielens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default cache folder follows {@code $HOME}, as users of a shell expect. */
class DataCacheHomeTest {

    @TempDir
    Path tmp;

    @Test
    void cacheDir_followsTheHomeEnvironmentVariable_andLeavesUserHomeAlone() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PrintCacheDir.class.getName());
        pb.environment().put("HOME", home.toString());
        pb.environment().remove(DataSource.ENV);
        pb.redirectErrorStream(true);
        Process child = pb.start();
        byte[] out = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new String(out, StandardCharsets.UTF_8).lines().toList();
        assertThat(child.exitValue()).as("child output: %s", lines).isZero();
        assertThat(lines.get(0)).isEqualTo(home.resolve(".ncf").resolve("data").toString());
        assertThat(lines.get(1)).isNotEqualTo(home.toString());
    }

    @Test
    void cacheDir_withoutHome_usesUserHome() {
        assertThat(DataSource.defaultCache(null, null, "/users/ann")).isEqualTo(Path.of("/users/ann/.ncf/data"));
        assertThat(DataSource.defaultCache(null, " ", "/users/ann")).isEqualTo(Path.of("/users/ann/.ncf/data"));
    }

    @Test
    void cacheDir_property_winsOverHome() {
        assertThat(DataSource.defaultCache("/srv/cache", "/home/ann", "/root")).isEqualTo(Path.of("/srv/cache"));
    }

    @Test
    void cacheDir_home_winsOverUserHome() {
        assertThat(DataSource.defaultCache(null, "/home/ann", "/root")).isEqualTo(Path.of("/home/ann/.ncf/data"));
    }
}
