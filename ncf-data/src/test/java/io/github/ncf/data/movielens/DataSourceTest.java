package io.github.ncf.data.movielens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Never touches the internet: downloads come from a file: URL or a server on 127.0.0.1. */
class DataSourceTest {

    @TempDir
    Path tmp;

    private static final String RATINGS = "userId,movieId,rating,timestamp\n1,10,4.0,100\n1,20,3.0,200\n2,10,5.0,150\n";
    private static final String MOVIES = "movieId,title,genres\n10,\"Movie, The (1999)\",Drama\n20,Other (2001),Comedy\n";

    private static Path folderWith(Path parent, String name) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        Files.writeString(dir.resolve("ratings.csv"), RATINGS);
        Files.writeString(dir.resolve("movies.csv"), MOVIES);
        return dir;
    }

    private static byte[] zip(String folder, boolean complete) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(folder + "/ratings.csv"));
            zip.write(RATINGS.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            if (complete) {
                zip.putNextEntry(new ZipEntry(folder + "/movies.csv"));
                zip.write(MOVIES.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private DataSource.Builder isolated() {
        return DataSource.builder().useEnvironment(false).cacheDir(tmp.resolve("cache"));
    }

    @Test
    void explicitDirectory_isUsedFirst() throws IOException {
        Path dir = folderWith(tmp, "mine");
        folderWith(tmp.resolve("env"), "ml-latest-small");
        Path resolved = isolated().directory(dir).dataDir(tmp.resolve("env")).build()
                .resolve(MovieLensVariant.ML_LATEST_SMALL);
        assertThat(resolved).isEqualTo(dir);
    }

    @Test
    void explicitDirectory_withoutFiles_isAnErrorNamingIt() {
        Path empty = tmp.resolve("empty");
        assertThatThrownBy(() -> isolated().directory(empty).build().resolve(MovieLensVariant.ML_100K))
                .isInstanceOf(IOException.class).hasMessageContaining(empty.toString())
                .hasMessageContaining("u.data");
    }

    @Test
    void dataDir_holdingTheReleaseFolder_isUsed() throws IOException {
        Path expected = folderWith(tmp.resolve("data"), "ml-latest-small");
        assertThat(isolated().dataDir(tmp.resolve("data")).build().resolve(MovieLensVariant.ML_LATEST_SMALL))
                .isEqualTo(expected);
    }

    @Test
    void systemProperty_ncfDataDir_isConsultedLikeTheEnvironmentVariable() throws IOException {
        Path expected = folderWith(tmp.resolve("prop"), "ml-latest-small");
        String before = System.getProperty(DataSource.PROPERTY);
        System.setProperty(DataSource.PROPERTY, tmp.resolve("prop").toString());
        try {
            DataSource source = DataSource.builder().cacheDir(tmp.resolve("cache")).download(false).build();
            assertThat(source.resolve(MovieLensVariant.ML_LATEST_SMALL)).isEqualTo(expected);
        } finally {
            if (before == null) {
                System.clearProperty(DataSource.PROPERTY);
            } else {
                System.setProperty(DataSource.PROPERTY, before);
            }
        }
    }

    @Test
    void downloadSwitchedOff_errorStillNamesTheThreeWays() {
        DataSource source = isolated().download(false).build();
        assertThatThrownBy(() -> source.resolve(MovieLensVariant.ML_1M))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("downloads are switched off")
                .hasMessageContaining("(1)").hasMessageContaining("(2) set NCF_DATA_DIR")
                .hasMessageContaining("(3)");
    }

    @Test
    void cache_isUsedWhenNoDirectoryIsGiven() throws IOException {
        Path expected = folderWith(tmp.resolve("cache"), "ml-latest-small");
        assertThat(isolated().download(false).build().resolve(MovieLensVariant.ML_LATEST_SMALL))
                .isEqualTo(expected);
    }

    @Test
    void download_fromLocalServer_unpacksIntoCacheAndLeavesNoTemporaryFiles() throws IOException {
        byte[] archive = zip("ml-latest-small", true);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/movielens/ml-latest-small.zip", exchange -> {
            exchange.sendResponseHeaders(200, archive.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(archive);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/movielens/";
            DataSource source = isolated().baseUrl(base).build();
            MovieLensData ml = source.load(MovieLensVariant.ML_LATEST_SMALL);
            assertThat(ml.interactions().size()).isEqualTo(3);
            assertThat(ml.catalog().title("10")).isEqualTo("Movie, The (1999)");
            try (var files = Files.list(tmp.resolve("cache"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ml-latest-small");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void download_fromFileUrl_withWrongMd5_isRejectedAndNothingIsCached() throws IOException {
        Path mirror = Files.createDirectories(tmp.resolve("mirror"));
        Files.write(mirror.resolve("ml-1m.zip"), zip("ml-1m", true));
        DataSource source = isolated().baseUrl(mirror.toUri().toString()).build();
        assertThatThrownBy(() -> source.resolve(MovieLensVariant.ML_1M))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("MD5").hasMessageContaining("c4d9eecfca2ab87c1945afe126590906");
        try (var files = Files.list(tmp.resolve("cache"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void download_ofIncompleteArchive_isRejected() throws IOException {
        Path mirror = Files.createDirectories(tmp.resolve("mirror"));
        Files.write(mirror.resolve("ml-latest-small.zip"), zip("ml-latest-small", false));
        DataSource source = isolated().baseUrl(mirror.toUri().toString()).build();
        assertThatThrownBy(() -> source.resolve(MovieLensVariant.ML_LATEST_SMALL))
                .hasMessageContaining("does not hold").hasMessageContaining("movies.csv");
        assertThat(tmp.resolve("cache").resolve("ml-latest-small")).doesNotExist();
    }

    @Test
    void failedDownload_errorNamesAllThreeWaysToProvideTheFiles() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        DataSource source = isolated().baseUrl("http://127.0.0.1:" + port + "/").timeoutMillis(2000).build();
        assertThatThrownBy(() -> source.resolve(MovieLensVariant.ML_100K))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("directory(")
                .hasMessageContaining("NCF_DATA_DIR")
                .hasMessageContaining(tmp.resolve("cache").resolve("ml-100k").toString())
                .hasMessageContaining("download of http://127.0.0.1:" + port + "/ml-100k.zip failed");
    }

    @Test
    void baseUrl_withoutTrailingSlash_isRejected() {
        assertThatThrownBy(() -> DataSource.builder().baseUrl("http://x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl");
    }
}
