/**
 * The {@code ncf-spark} program ({@link io.github.ncf.spark.cli.NcfSpark}): split, recommend, evaluate
 * and ALS from the command line, in local mode or under {@code spark-submit}.
 */
package io.github.ncf.spark.cli;
