package io.github.ncf.examples.cli;

/**
 * The models {@code ncf train} trains, as named on the command line: the three NCF models of He et al.
 * (WWW 2017) and the dot-product MF of Rendle et al. (RecSys 2020).
 */
public enum ModelKind {
    /** Generalized matrix factorisation: a linear layer over the element-wise product of embeddings. */
    GMF,
    /** A multi-layer perceptron over the concatenated embeddings. */
    MLP,
    /** GMF and MLP side by side with their outputs joined by one linear layer. */
    NEUMF,
    /** Matrix factorisation: the dot product of user and item embeddings plus biases (Rendle et al.). */
    MF;

    /** @return the lower-case name used in reports: {@code gmf}, {@code mlp}, {@code neumf}, {@code mf} */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return the name used in tables: {@code GMF}, {@code MLP}, {@code NeuMF}, {@code MF} */
    public String displayName() {
        return this == NEUMF ? "NeuMF" : name();
    }
}
