package io.github.ncf.examples.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The JSON report of a command that makes several runs ({@code compare}, {@code sweep-negatives},
 * {@code sweep-layers}, {@code pretrain}): one {@link RunReport} per run under {@code runs}, in the
 * order they ran, all on the same split and the same sampled candidates.
 *
 * @param command the command that made the runs, e.g. {@code compare}
 * @param parameter the swept setting for sweeps ({@code negatives}, {@code layers}), else null
 * @param values the swept values as the user wrote them, one per run, else null
 * @param runs the runs
 */
@JsonPropertyOrder({"command", "parameter", "values", "runs"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MultiRunReport(String command, String parameter, List<String> values, List<RunReport> runs) {

    /**
     * Creates a report, copying the lists.
     *
     * @param command the command that made the runs
     * @param parameter the swept setting, or null
     * @param values the swept values, or null
     * @param runs the runs
     */
    public MultiRunReport {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("command must not be blank, got \"" + command + "\"");
        }
        runs = List.copyOf(runs);
        values = values == null ? null : List.copyOf(values);
        if (values != null && values.size() != runs.size()) {
            throw new IllegalArgumentException("values and runs must have the same size, got "
                    + values.size() + " values and " + runs.size() + " runs");
        }
    }
}
