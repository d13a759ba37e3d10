package io.github.ncf.eval;

/**
 * Which held-out rows an evaluation ranked, so that every reported number says where it came from.
 *
 * <pre>{@code
 * EvaluationReport r = evaluation.validate(model, split);
 * assert r.split() == SplitKind.VALIDATION;
 * }</pre>
 */
public enum SplitKind {
    /**
     * The validation rows ({@code Split.validation()}), with the training rows known: what model
     * selection (epochs, hyperparameters) may read.
     */
    VALIDATION,
    /**
     * The test rows ({@code Split.test()}), with the training and validation rows known: read once,
     * after selection.
     */
    TEST
}
