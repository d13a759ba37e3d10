package io.github.ncf.spark;

import org.apache.spark.sql.SparkSession;

/** One local Spark session for every test class of the JVM: starting Spark takes seconds. */
public final class TestSpark {

    private static SparkSession session;

    private TestSpark() {
    }

    /** @return the shared {@code local[2]} session, loopback only, without the web UI */
    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSessions.local("local[2]", "ncf-spark-tests").config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
        }
        return session;
    }
}
