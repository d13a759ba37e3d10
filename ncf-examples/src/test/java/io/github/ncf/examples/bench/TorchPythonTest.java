package io.github.ncf.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a Python with torch for the peers, and what is said when there is none. */
class TorchPythonTest {

    @TempDir
    Path dir;

    @Test
    void explicitPython_thatDoesNotExist_isNamedWithTheOptionAndWhatToInstall() {
        Path missing = dir.resolve("no-such-python3");

        assertThatThrownBy(() -> TorchPython.find(missing))
                .isInstanceOf(TorchPython.NoTorchPythonException.class)
                .hasMessageContaining("--python " + missing + ": not found")
                .hasMessageContaining(TorchPython.INSTALL_HINT);
    }

    @Test
    void interpreterWithoutTorch_isRejectedWithPythonsOwnReason() {
        // A real interpreter started without its site packages (-S) cannot import torch.
        Path python = Files.isExecutable(TorchPython.SYSTEM_PYTHON) ? TorchPython.SYSTEM_PYTHON : null;
        Assumptions.assumeTrue(python != null, "skipped: no " + TorchPython.SYSTEM_PYTHON);
        List<TorchPython.Candidate> tried = List.of(
                new TorchPython.Candidate("missing", List.of(dir.resolve("python3").toString())),
                new TorchPython.Candidate("python3 -S", List.of(python.toString(), "-S")));

        assertThatThrownBy(() -> TorchPython.firstWithTorch(tried))
                .isInstanceOfSatisfying(TorchPython.NoTorchPythonException.class, e -> assertThat(e.tried())
                        .containsOnlyKeys("missing", "python3 -S")
                        .containsEntry("missing", "not found")
                        .hasEntrySatisfying("python3 -S", why -> assertThat(why)
                                .contains("No module named 'torch'")))
                .hasMessageContaining("tried missing: not found; python3 -S: ")
                .hasMessageContaining("apt-get install -y python3-torch python3-pandas")
                .hasMessageContaining("--python PATH");
    }

    @Test
    void discovery_triesPython3OnPathBeforeTheSystemOne() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path python3 = Files.createFile(bin.resolve("python3"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        List<TorchPython.Candidate> c = TorchPython.candidates(null, empty + File.pathSeparator + bin);

        assertThat(c).extracting(TorchPython.Candidate::command)
                .containsExactly(List.of(python3.toString()), List.of(TorchPython.SYSTEM_PYTHON.toString()));
        assertThat(c.get(0).label()).isEqualTo("python3 on PATH (" + python3 + ")");
    }

    @Test
    void discovery_withoutPython3OnPath_saysSoAndTriesTheSystemOne() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        List<TorchPython.Candidate> c = TorchPython.candidates(null, empty.toString());

        assertThat(c).extracting(TorchPython.Candidate::label)
                .containsExactly("python3 on PATH", TorchPython.SYSTEM_PYTHON.toString());
        assertThat(c.get(0).command()).isEmpty();
    }

    @Test
    void explicitPython_isTheOnlyOneTried() {
        Path given = dir.resolve("python3");

        assertThat(TorchPython.candidates(given, "/usr/bin"))
                .extracting(TorchPython.Candidate::command).containsExactly(List.of(given.toString()));
    }

    @Test
    void pythonWithTorch_reportsItsVersionsAndMathLibraries() {
        TorchPython python = Peers.python();

        assertThat(python.torchVersion()).isNotBlank();
        assertThat(python.pythonVersion()).startsWith("3.");
        assertThat(python.facts().get("mathLibraries").isArray()).isTrue();
        assertThat(python.mathNote()).startsWith("torch " + python.torchVersion() + " (" + python.executable());
    }
}
