/**
 * The JSON reports that {@code ncf} writes for every run: {@link io.github.ncf.examples.report.RunReport}
 * for one training run and {@link io.github.ncf.examples.report.MultiRunReport} for {@code compare} and the
 * sweeps. Their keys are a stable contract that other tools read, so renaming one is a breaking change.
 */
package io.github.ncf.examples.report;
