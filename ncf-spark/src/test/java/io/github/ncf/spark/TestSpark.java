package io.github.ncf.spark;

import io.github.ncf.data.movielens.MovieLensVariant;
import io.github.ncf.data.testing.TestData;
import org.apache.spark.sql.SparkSession;

/** One local Spark session for every test class of the JVM: starting Spark takes seconds. */
public final class TestSpark {

    private static SparkSession session;
    private static SparkReader.ReadResult ml100k;

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

    /** @return ML-100k's u.data read once on the shared session; skips the calling test without NCF_DATA_DIR */
    public static synchronized SparkReader.ReadResult ml100k() {
        String file = TestData.ml100k().resolve("u.data").toString();
        if (ml100k == null) {
            ml100k = SparkReader.forMovieLens(MovieLensVariant.ML_100K).read(session(), file);
        }
        return ml100k;
    }
}
