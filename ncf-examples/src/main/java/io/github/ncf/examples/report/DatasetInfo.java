package io.github.ncf.examples.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The data set a run trained and evaluated on, and how it was split, as written under the report's
 * {@code dataset} key.
 *
 * <pre>{@code
 * DatasetInfo info = new DatasetInfo("ml-100k", 943, 1682, 100_000, 99_057, 943, "");
 * }</pre>
 *
 * @param name the data set as the user named it ({@code ml-100k}, {@code csv:PATH}, {@code synthetic:small})
 * @param users the number of users
 * @param items the number of items
 * @param interactions the number of interactions read
 * @param trainInteractions the number of interactions trained on
 * @param testInteractions the number of held-out test interactions
 * @param notes what loading skipped or changed by design, in the loader's words; empty if nothing
 * @param split which interaction per user was held out: {@code time}, {@code random} or {@code file-order}
 * @param validationInteractions the number of held-out validation interactions, or null without validation
 */
@JsonPropertyOrder({"name", "users", "items", "interactions", "trainInteractions", "validationInteractions",
    "testInteractions", "split", "notes"})
public record DatasetInfo(String name, int users, int items, long interactions, long trainInteractions,
        long testInteractions, String notes, String split,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long validationInteractions) {

    /**
     * Describes a data set split by time without validation.
     *
     * @param name the data set as the user named it
     * @param users the number of users
     * @param items the number of items
     * @param interactions the number of interactions read
     * @param trainInteractions the number of interactions trained on
     * @param testInteractions the number of held-out test interactions
     * @param notes what loading skipped or changed by design; empty if nothing
     */
    public DatasetInfo(String name, int users, int items, long interactions, long trainInteractions,
            long testInteractions, String notes) {
        this(name, users, items, interactions, trainInteractions, testInteractions, notes, "time", null);
    }
}
