package io.github.ncf.data.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.basicdataset.tabular.CsvDataset;
import ai.djl.basicdataset.tabular.MovieLens100k;
import ai.djl.repository.LocalRepository;
import ai.djl.repository.Repository;
import ai.djl.training.dataset.Dataset;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.movielens.MalformedLineException;
import io.github.ncf.data.movielens.ReadResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabularDatasetReaderTest {

    @TempDir
    Path tmp;

    private static final String GENRES_DRAMA = "|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0";

    /** A CSV with a header, a quoted item id holding a comma, and a timestamp column. */
    private CsvDataset csv(String text) throws IOException {
        Path file = tmp.resolve("events.csv");
        Files.writeString(file, text);
        return CsvDataset.builder().optCsvFile(file)
                .setCsvFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())
                .addCategoricalFeature("item").noLabels()
                .setSampling(2, false).build();
    }

    /**
     * A local DJL repository holding a tiny, made-up ml-100k in the layout DJL's MovieLens100k
     * expects: dataset/tabular/ai/djl/basicdataset/movielens-100k/metadata.json naming version 1.0
     * and 1.0/ml-100k.zip, which unpacks to ml-100k/{u.user,u.item,ua.base,ua.test}.
     */
    private Repository localMovieLensRepository(String uaBase) throws IOException {
        Path root = tmp.resolve("repo");
        Path artifact = root.resolve("dataset/tabular/ai/djl/basicdataset/movielens-100k");
        Files.createDirectories(artifact.resolve("1.0"));
        Files.writeString(artifact.resolve("metadata.json"), """
                {
                  "metadataVersion": "0.2",
                  "resourceType": "dataset",
                  "application": "tabular",
                  "groupId": "ai.djl.basicdataset",
                  "artifactId": "movielens-100k",
                  "name": "movielens-100k",
                  "artifacts": [
                    {
                      "version": "1.0",
                      "snapshot": false,
                      "files": {
                        "ml-100k": {"uri": "1.0/ml-100k.zip"}
                      }
                    }
                  ]
                }
                """);
        Map<String, String> files = Map.of(
                "ml-100k/u.user", "7|24|M|technician|85711\n8|53|F|other|94043\n9|33|M|writer|32067\n",
                "ml-100k/u.item", "100|Alpha (1995)|01-Jan-1995||http://a" + GENRES_DRAMA + "\n"
                        + "200|Beta (1996)|01-Jan-1996||http://b" + GENRES_DRAMA + "\n"
                        + "300|Gamma (1997)|01-Jan-1997||http://c" + GENRES_DRAMA + "\n",
                "ml-100k/ua.base", uaBase,
                "ml-100k/ua.test", "9\t100\t5\t1000\n");
        try (OutputStream out = Files.newOutputStream(artifact.resolve("1.0/ml-100k.zip"));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Path cache = tmp.resolve("djl-cache");
        // DJL copies a prepared artifact into its cache (default ~/.djl.ai); keep it in the test's folder.
        return new LocalRepository("local", root.toUri(), root) {
            @Override
            public Path getCacheDirectory() {
                return cache;
            }
        };
    }

    private MovieLens100k movieLens(String uaBase) throws IOException {
        return MovieLens100k.builder().optRepository(localMovieLensRepository(uaBase))
                .optUsage(Dataset.Usage.TRAIN).setSampling(2, false).build();
    }

    @Test
    void csvDataset_namedColumns_becomeInteractionsInRowOrder() throws IOException {
        CsvDataset dataset = csv("user,item,rating,time\nann,\"x,1\",5,30\nbob,y,3,10\nann,y,4,20\n");
        ReadResult r = TabularDatasetReader.builder().userColumn("user").itemColumn("item")
                .ratingColumn("rating").timestampColumn("time").build().read(dataset);
        Interactions data = r.interactions();
        assertThat(data.userIds().rawIds()).containsExactly("ann", "bob");
        assertThat(data.itemIds().rawIds()).containsExactly("x,1", "y");
        assertThat(data.timestamp(2)).isEqualTo(20L);
        assertThat(data.rating(1)).isEqualTo(3f);
        assertThat(r.report().rowsKept()).isEqualTo(3);
        assertThat(r.report().timestamps()).isTrue();
        assertThat(r.report().file()).isEqualTo("CsvDataset");
    }

    @Test
    void csvDataset_withoutTimestampColumn_saysOnlyRowOrderIsKnown() throws IOException {
        ReadResult r = TabularDatasetReader.builder().userColumn("user").itemColumn("item").build()
                .read(csv("user,item\nann,x\nbob,y\n"));
        assertThat(r.interactions().hasTimestamps()).isFalse();
        assertThat(r.report().timestamps()).isFalse();
        assertThat(r.report().toString()).contains("timestamps=none (only file order is known)");
    }

    @Test
    void csvDataset_unknownColumn_namesItAndListsTheColumns() throws IOException {
        CsvDataset dataset = csv("user,item\nann,x\n");
        TabularDatasetReader reader = TabularDatasetReader.builder().userColumn("userId").itemColumn("item").build();
        assertThatThrownBy(() -> reader.read(dataset))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CsvDataset serves no column \"userId\"")
                .hasMessageContaining("[user, item]");
    }

    @Test
    void csvDataset_badRating_namesRowColumnAndValue() throws IOException {
        CsvDataset dataset = csv("user,item,rating\nann,x,5\nbob,y,lots\n");
        TabularDatasetReader reader = TabularDatasetReader.builder().userColumn("user").itemColumn("item")
                .ratingColumn("rating").build();
        assertThatThrownBy(() -> reader.read(dataset))
                .isInstanceOf(MalformedLineException.class)
                .hasMessage("CsvDataset line 2: field \"rating\" is not a number: \"lots\"");
    }

    @Test
    void movieLens100k_fromLocalRepository_becomesInteractions() throws IOException {
        MovieLens100k dataset = movieLens("7\t100\t5\t881250949\n8\t200\t2\t891717742\n7\t300\t4\t878887116\n"
                + "9\t200\t5\t878887117\n");
        ReadResult r = TabularDatasetReader.builder().userColumn("user_id").itemColumn("movie_id")
                .ratingColumn("rating").minRating(4f).build().read(dataset);
        Interactions data = r.interactions();
        assertThat(data.userIds().rawIds()).containsExactly("7", "9");
        assertThat(data.itemIds().rawIds()).containsExactly("100", "300", "200");
        assertThat(data.size()).isEqualTo(3);
        assertThat(r.report().rowsBelowThreshold()).isEqualTo(1);
        assertThat(r.report().file()).isEqualTo("MovieLens100k");
        assertThat(data.hasTimestamps()).isFalse();
    }

    @Test
    void movieLens100k_featureColumn_canBeTheUser() throws IOException {
        MovieLens100k dataset = movieLens("7\t100\t5\t1\n8\t200\t2\t2\n9\t300\t4\t3\n");
        ReadResult r = TabularDatasetReader.builder().userColumn("user_occupation").itemColumn("movie_title")
                .build().read(dataset);
        assertThat(r.interactions().userIds().rawIds()).containsExactly("technician", "other", "writer");
        assertThat(r.interactions().itemIds().rawIds()).containsExactly("Alpha (1995)", "Beta (1996)", "Gamma (1997)");
    }

    @Test
    void movieLens100k_timestampColumn_isAnErrorSayingDjlDoesNotServeIt() throws IOException {
        MovieLens100k dataset = movieLens("7\t100\t5\t881250949\n");
        TabularDatasetReader reader = TabularDatasetReader.builder().userColumn("user_id").itemColumn("movie_id")
                .timestampColumn("timestamp").build();
        assertThatThrownBy(() -> reader.read(dataset))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MovieLens100k serves no column \"timestamp\"")
                .hasMessageContaining("getCell returned null");
    }

    @Test
    void itemColumn_missing_isRejectedAtBuild() {
        assertThatThrownBy(() -> TabularDatasetReader.builder().userColumn("user").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("userColumn and itemColumn must be named, got user=user, item=null");
    }

    @Test
    void sameColumnTwice_isRejected() {
        assertThatThrownBy(() -> TabularDatasetReader.builder().userColumn("id").itemColumn("id").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("userColumn and itemColumn must differ, both are \"id\"");
    }

    @Test
    void blankColumnName_isRejected() {
        assertThatThrownBy(() -> TabularDatasetReader.builder().ratingColumn(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ratingColumn must be a non-blank column name, got \" \"");
    }

    @Test
    void minRatingWithoutRatingColumn_isRejected() {
        assertThatThrownBy(() -> TabularDatasetReader.builder().userColumn("u").itemColumn("i").minRating(4f).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a ratingColumn");
    }
}
