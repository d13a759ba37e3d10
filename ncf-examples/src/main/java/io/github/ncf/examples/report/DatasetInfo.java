package io.github.ncf.examples.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The data set a run trained and evaluated on, as written under the report's {@code dataset} key.
 *
 * @param name the data set as the user named it ({@code ml-100k}, {@code csv:PATH}, {@code synthetic:small})
 * @param users the number of users
 * @param items the number of items
 * @param interactions the number of interactions read
 * @param trainInteractions the number of interactions trained on
 * @param testInteractions the number of held-out interactions evaluated
 * @param notes what loading skipped or changed by design, in the loader's words; empty if nothing
 */
@JsonPropertyOrder({"name", "users", "items", "interactions", "trainInteractions", "testInteractions", "notes"})
public record DatasetInfo(String name, int users, int items, long interactions, long trainInteractions,
        long testInteractions, String notes) {
}
