package io.github.ncf.examples.cli;

import io.github.ncf.examples.report.RunReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints runs as a fixed-width text table: full and sampled HR@10 and NDCG@10 on the test split, median
 * seconds per epoch and the evaluation seconds, and a line saying which split they come from.
 *
 * <pre>{@code
 * ResultsTable.print(List.of(report), System.out);
 * }</pre>
 */
public final class ResultsTable {

    private static final String[] HEADER = {"run", "full HR@10", "full NDCG@10", "sampled HR@10",
        "sampled NDCG@10", "s/epoch", "full eval s", "sampled eval s"};

    private ResultsTable() {
    }

    /**
     * Formats runs as table lines: a header, a rule and one line per run.
     *
     * @param runs the runs
     * @return the lines
     */
    public static List<String> format(List<RunReport> runs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (RunReport r : runs) {
            Map<String, Double> full = r.finalMetrics().full();
            Map<String, Double> sampled = r.finalMetrics().sampled();
            Double perEpoch = r.timing().trainSecondsPerEpoch();
            rows.add(new String[] {r.label() != null ? r.label() : r.model(), metric(full, "hr@10"),
                metric(full, "ndcg@10"), metric(sampled, "hr@10"), metric(sampled, "ndcg@10"),
                perEpoch == null ? "-" : String.format(Locale.ROOT, "%.2f", perEpoch),
                String.format(Locale.ROOT, "%.3f", r.timing().fullEvalSeconds()),
                String.format(Locale.ROOT, "%.3f", r.timing().sampledEvalSeconds())});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            StringBuilder line = new StringBuilder();
            String[] row = rows.get(i);
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                // The run name is left-aligned, numbers right-aligned.
                String fmt = c == 0 ? "%-" + widths[c] + "s" : "%" + widths[c] + "s";
                line.append(String.format(Locale.ROOT, fmt, row[c]));
            }
            lines.add(line.toString().stripTrailing());
            if (i == 0) {
                lines.add("-".repeat(line.length()));
            }
        }
        return lines;
    }

    /**
     * Prints the table.
     *
     * @param runs the runs
     * @param out where to print
     */
    public static void print(List<RunReport> runs, PrintStream out) {
        format(runs).forEach(out::println);
        out.println(splitNote(runs));
        out.flush();
    }

    /** Says where the table's figures come from and what, if anything, was chosen on validation. */
    static String splitNote(List<RunReport> runs) {
        boolean chosenOnValidation = runs.stream()
                .anyMatch(r -> r.selection() != null && "validation".equals(r.selection().split()));
        return "metrics on the test split, measured once after training" + (chosenOnValidation
                ? "; the epoch kept was chosen on the validation split" : "");
    }

    private static String metric(Map<String, Double> metrics, String key) {
        Double v = metrics.get(key);
        return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
