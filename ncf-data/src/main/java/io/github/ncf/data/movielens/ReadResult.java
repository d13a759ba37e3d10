package io.github.ncf.data.movielens;

import io.github.ncf.data.Interactions;
import java.util.Objects;

/**
 * The interactions read from one file and the report of how every line was used.
 *
 * <pre>{@code
 * ReadResult r = DelimitedReader.builder().delimiter(",").header(true).build().read(path);
 * Interactions data = r.interactions();
 * }</pre>
 *
 * @param interactions the interactions, rows in file order
 * @param report the line counts
 */
public record ReadResult(Interactions interactions, ReadReport report) {

    /**
     * Checks the components.
     *
     * @param interactions the interactions
     * @param report the report
     */
    public ReadResult {
        Objects.requireNonNull(interactions, "interactions");
        Objects.requireNonNull(report, "report");
    }
}
