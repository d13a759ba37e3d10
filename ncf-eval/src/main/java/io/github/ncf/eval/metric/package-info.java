/**
 * Top-K ranking metrics for leave-one-out evaluation: {@link io.github.ncf.eval.metric.HitRate},
 * {@link io.github.ncf.eval.metric.Ndcg} and {@link io.github.ncf.eval.metric.Mrr}, all computed from
 * the held-out item's 0-based rank. Metrics are immutable; per-user values and their mean come back
 * together in {@link io.github.ncf.eval.metric.MetricValues}.
 */
package io.github.ncf.eval.metric;
