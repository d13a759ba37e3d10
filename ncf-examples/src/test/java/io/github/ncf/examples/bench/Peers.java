package io.github.ncf.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds what the peer tests need on this machine, skipping the calling test with a message saying what
 * to provide where it is absent: the peers' folder ({@code NCF_PEERS_DIR}, else {@code peers/} beside
 * {@code $NCF_DATA_DIR}, as in {@code ../shared/}) and a Python with torch.
 */
public final class Peers {

    private Peers() {
    }

    /**
     * Returns the folder of peer programs, or skips the calling test.
     *
     * @return the folder holding seed_reference.py, fast_torch.py and torch_scale.py
     */
    public static Path folder() {
        String dir = System.getenv("NCF_PEERS_DIR");
        String data = System.getProperty("ncf.data.dir", System.getenv("NCF_DATA_DIR"));
        Path folder = dir != null && !dir.isBlank() ? Path.of(dir)
                : data != null && !data.isBlank() ? Path.of(data).toAbsolutePath().resolveSibling("peers") : null;
        Assumptions.assumeTrue(folder != null && Files.isRegularFile(folder.resolve("fast_torch.py")),
                "skipped: set NCF_PEERS_DIR (e.g. ../shared/peers) or NCF_DATA_DIR with peers/ beside it; got "
                        + folder);
        return folder;
    }

    /**
     * Returns a Python with torch, numpy and pandas, or skips the calling test saying what to install.
     *
     * @return the interpreter
     */
    public static TorchPython python() {
        try {
            return TorchPython.find(null);
        } catch (TorchPython.NoTorchPythonException e) {
            Assumptions.abort("skipped: " + e.getMessage());
            throw e;
        }
    }
}
