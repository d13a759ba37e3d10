package io.github.ncf.examples.cli;

/** The three NCF models of He et al. (WWW 2017), as named on the command line. */
public enum ModelKind {
    /** Generalized matrix factorisation: a linear layer over the element-wise product of embeddings. */
    GMF,
    /** A multi-layer perceptron over the concatenated embeddings. */
    MLP,
    /** GMF and MLP side by side with their outputs joined by one linear layer. */
    NEUMF;

    /** @return the lower-case name used in reports: {@code gmf}, {@code mlp}, {@code neumf} */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return the name used in tables: {@code GMF}, {@code MLP}, {@code NeuMF} */
    public String displayName() {
        return this == NEUMF ? "NeuMF" : name();
    }
}
