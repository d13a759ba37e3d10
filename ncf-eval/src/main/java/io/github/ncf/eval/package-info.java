/**
 * Evaluation of recommenders: {@link io.github.ncf.eval.RankingEvaluation} ranks a split's validation
 * or test rows under both protocols in one call, for NCF models and baselines alike, through {@link
 * io.github.ncf.core.Scorer}; {@link io.github.ncf.eval.ProtocolEvaluator} is the single-protocol
 * path; {@link io.github.ncf.eval.EvaluationListener} evaluates during training, and {@link
 * io.github.ncf.eval.ProtocolComparison} puts full and sampled results side by side.
 */
package io.github.ncf.eval;
