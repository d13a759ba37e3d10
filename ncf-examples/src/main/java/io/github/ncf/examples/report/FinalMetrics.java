package io.github.ncf.examples.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The metrics of the finished model under both protocols, as written under the report's {@code final}
 * key: {@code final.full.hr@10}, {@code final.sampled.ndcg@10} and so on.
 *
 * @param full full-ranking metrics (every item ranked, the user's training items masked)
 * @param sampled sampled-ranking metrics (the held-out item among sampled non-interacted items)
 */
@JsonPropertyOrder({"full", "sampled"})
public record FinalMetrics(Map<String, Double> full, Map<String, Double> sampled) {
}
