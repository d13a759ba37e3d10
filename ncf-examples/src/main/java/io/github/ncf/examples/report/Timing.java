package io.github.ncf.examples.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How long a run took, as written under the report's {@code timing} key.
 *
 * @param trainSecondsPerEpoch the median of the epochs' training seconds, or null for a run without
 *     training (a baseline)
 * @param fullEvalSeconds seconds of the final full-ranking evaluation
 * @param sampledEvalSeconds seconds of the final sampled evaluation
 * @param totalTrainSeconds the sum of the epochs' training seconds, or null without training
 */
@JsonPropertyOrder({"trainSecondsPerEpoch", "fullEvalSeconds", "sampledEvalSeconds", "totalTrainSeconds"})
public record Timing(Double trainSecondsPerEpoch, double fullEvalSeconds, double sampledEvalSeconds,
        Double totalTrainSeconds) {
}
