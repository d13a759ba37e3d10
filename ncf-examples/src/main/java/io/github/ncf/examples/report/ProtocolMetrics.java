package io.github.ncf.examples.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The metrics of one held-out split under both protocols, as written under the report's {@code final}
 * key (always the test split: {@code final.full.hr@10}, {@code final.sampled.ndcg@10}) and under an
 * epoch's {@code validation} or {@code test} key.
 *
 * <pre>{@code
 * double hr = report.finalMetrics().full().get("hr@10");
 * }</pre>
 *
 * @param full full-ranking metrics (every item ranked, the items known at that point masked)
 * @param sampled sampled-ranking metrics (the held-out item among sampled non-interacted items)
 */
@JsonPropertyOrder({"full", "sampled"})
public record ProtocolMetrics(Map<String, Double> full, Map<String, Double> sampled) {
}
