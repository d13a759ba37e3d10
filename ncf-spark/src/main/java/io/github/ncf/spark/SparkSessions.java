package io.github.ncf.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Session settings for running on one machine: no web UI and nothing bound beyond the loopback
 * interface, as in tests and local runs.
 *
 * <pre>{@code
 * SparkSession spark = SparkSessions.local("local[4]", "ncf").getOrCreate();
 * }</pre>
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * Returns a session builder for a master, with the web UI off and, when the master is local, the
     * driver bound to 127.0.0.1 and four shuffle partitions per core instead of Spark's 200 (on one
     * machine each of 200 small tasks costs more than it does).
     *
     * @param master a Spark master URL, such as {@code local[2]}
     * @param appName the application name
     * @return the builder, to configure further or create the session with
     */
    public static SparkSession.Builder local(String master, String appName) {
        SparkSession.Builder b = SparkSession.builder().master(master).appName(appName)
                .config("spark.ui.enabled", "false");
        if (master.startsWith("local")) {
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", String.valueOf(4 * Runtime.getRuntime().availableProcessors()));
        }
        return b;
    }
}
