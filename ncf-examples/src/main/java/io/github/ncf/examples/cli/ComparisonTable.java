package io.github.ncf.examples.cli;

import io.github.ncf.eval.compare.BootstrapInterval;
import io.github.ncf.eval.compare.ModelComparison;
import java.io.PrintStream;
import io.github.ncf.examples.report.CompareReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a {@link ModelComparison}: per model, full and sampled HR@10 and NDCG@10, each with the paired
 * bootstrap 95% interval of its difference to the best model, then Kendall's tau between the orderings.
 */
final class ComparisonTable {

    private static final List<String> METRICS = List.of("HR@10", "NDCG@10");

    private ComparisonTable() {
    }

    static void print(ModelComparison c, PrintStream out) {
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-9s", "model"));
        for (String p : ModelComparison.PROTOCOLS) {
            for (String m : METRICS) {
                header.append(String.format(Locale.ROOT, " | %-35s", p + " " + m + " (diff to best, 95% CI)"));
            }
        }
        out.println(header);
        for (String model : c.models()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-9s", model));
            for (String p : ModelComparison.PROTOCOLS) {
                for (String m : METRICS) {
                    double mean = c.means().get(p).get(m).get(model);
                    BootstrapInterval ci = c.toBest().get(p).get(m).get(model);
                    String cell = ci == null ? String.format(Locale.ROOT, "%.4f (best)", mean)
                            : String.format(Locale.ROOT, "%.4f (%+.4f [%+.4f, %+.4f])", mean, ci.difference(),
                                    ci.lower(), ci.upper());
                    row.append(String.format(Locale.ROOT, " | %-35s", cell));
                }
            }
            out.println(row);
        }
        for (String m : METRICS) {
            out.printf(Locale.ROOT, "Kendall's tau between full and sampled orderings by %s: %.3f (%s); full: %s, "
                    + "sampled: %s%n", m, c.tau().get(m), c.orderingsAgree(m) ? "they agree" : "they disagree",
                    String.join(" > ", c.ordering("full", m)), String.join(" > ", c.ordering("sampled", m)));
        }
    }

    /**
     * The table as Markdown: a row per model with its four test figures, each with the paired bootstrap
     * 95% interval of its difference to the best model, the validation figure its configuration was
     * chosen on, and Kendall's tau below.
     */
    static String markdown(ModelComparison c, Map<String, CompareReport.Chosen> chosen) {
        StringBuilder out = new StringBuilder("| model | chosen on validation |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String p : ModelComparison.PROTOCOLS) {
            for (String m : METRICS) {
                out.append(' ').append(p).append(' ').append(m).append(" (diff to best, 95% CI) |");
                rule.append("---|");
            }
        }
        out.append('\n').append(rule).append('\n');
        for (String model : c.models()) {
            CompareReport.Chosen ch = chosen.get(model);
            String how = ch == null || ch.validation() == null ? "defaults"
                    : String.format(Locale.ROOT, "%s %.4f (%d trial%s)", ch.metric(), ch.validation().get(ch.metric()),
                            ch.trials(), ch.trials() == 1 ? "" : "s");
            out.append("| ").append(model).append(" | ").append(how).append(" |");
            for (String p : ModelComparison.PROTOCOLS) {
                for (String m : METRICS) {
                    double mean = c.means().get(p).get(m).get(model);
                    BootstrapInterval ci = c.toBest().get(p).get(m).get(model);
                    out.append(ci == null ? String.format(Locale.ROOT, " **%.4f** (best) |", mean)
                            : String.format(Locale.ROOT, " %.4f (%+.4f [%+.4f, %+.4f]) |", mean, ci.difference(),
                                    ci.lower(), ci.upper()));
                }
            }
            out.append('\n');
        }
        out.append('\n');
        for (String m : METRICS) {
            out.append(String.format(Locale.ROOT, "Kendall's tau between the full and sampled orderings by %s: %.3f "
                    + "(full: %s; sampled: %s).%n", m, c.tau().get(m), String.join(" > ", c.ordering("full", m)),
                    String.join(" > ", c.ordering("sampled", m))));
        }
        return out.toString();
    }
}
