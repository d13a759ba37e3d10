/**
 * Distributed scoring and evaluation: {@link io.github.ncf.spark.eval.SparkEvaluator} ranks held-out
 * items under both protocols with the single-machine ranks, {@link
 * io.github.ncf.spark.eval.SparkRecommender} writes top-K lists, and {@link
 * io.github.ncf.spark.eval.AlsBaseline} fits Spark MLlib's implicit ALS as a baseline. Saved models
 * travel as broadcasts and load once per executor ({@link io.github.ncf.spark.eval.NcfModelSource}).
 */
package io.github.ncf.spark.eval;
