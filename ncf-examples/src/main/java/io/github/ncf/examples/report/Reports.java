package io.github.ncf.examples.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads and writes the JSON reports, pretty-printed and UTF-8.
 *
 * <pre>{@code
 * Reports.write(report, Path.of("runs/neumf.json"));
 * RunReport back = Reports.readRun(Path.of("runs/neumf.json"));
 * }</pre>
 */
public final class Reports {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {
    }

    /**
     * Writes a report (a {@link RunReport}, {@link MultiRunReport} or any Jackson-serialisable value),
     * creating the parent folders.
     *
     * @param report the report
     * @param file the JSON file to write
     * @throws UncheckedIOException if the file cannot be written, naming it
     */
    public static void write(Object report, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            MAPPER.writeValue(file.toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns a report as a JSON string.
     *
     * @param report the report
     * @return pretty-printed JSON
     */
    public static String toJson(Object report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + report.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads a run report.
     *
     * @param file the JSON file
     * @return the report
     * @throws UncheckedIOException if the file cannot be read or is not a run report, naming it
     */
    public static RunReport readRun(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), RunReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run report " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads any report as a JSON tree.
     *
     * @param file the JSON file
     * @return the tree
     * @throws UncheckedIOException if the file cannot be read or parsed, naming it
     */
    public static JsonNode readTree(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the report key of a metric name: lower case, so {@code "HR@10"} becomes {@code "hr@10"}.
     *
     * @param metricName a metric's display name
     * @return its key in reports
     */
    public static String metricKey(String metricName) {
        return metricName.trim().toLowerCase(Locale.ROOT);
    }
}
