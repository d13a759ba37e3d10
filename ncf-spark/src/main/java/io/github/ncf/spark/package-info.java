/**
 * Interactions on Apache Spark with file order kept: {@link io.github.ncf.spark.SparkReader} reads
 * delimited files with the single-machine reader's ids, {@link io.github.ncf.spark.SparkSplitter}
 * splits them leave-one-out with window functions into the single-machine split's rows.
 */
package io.github.ncf.spark;
