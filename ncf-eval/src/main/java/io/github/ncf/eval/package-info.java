/**
 * Evaluation of recommenders: an {@link io.github.ncf.eval.Evaluator} ranks held-out items with a
 * protocol and scores them with metrics, for NCF models and baselines alike, through {@link
 * io.github.ncf.core.Scorer}; {@link io.github.ncf.eval.EvaluationListener} does so during training,
 * and {@link io.github.ncf.eval.ProtocolComparison} puts full and sampled results side by side.
 */
package io.github.ncf.eval;
