package io.github.ncf.core.train;

/**
 * The optimizers {@link NcfTrainer} offers, each with PyTorch's default hyperparameters and
 * PyTorch's update rule (so that results match a PyTorch reference step for step).
 *
 * <ul>
 *   <li>{@link #ADAM}: betas 0.9 / 0.999, eps 1e-8 added to the bias-corrected root, no weight
 *       decay, as {@code torch.optim.Adam}.
 *   <li>{@link #SGD}: plain gradient descent, no momentum, as {@code torch.optim.SGD}; the paper
 *       fine-tunes a pretrained NeuMF with it.
 *   <li>{@link #ADAGRAD}: accumulator starting at 0, eps 1e-10, as {@code torch.optim.Adagrad}.
 * </ul>
 */
public enum OptimizerKind {
    /** Adam (Kingma and Ba), PyTorch's variant. */
    ADAM,
    /** Stochastic gradient descent without momentum. */
    SGD,
    /** Adagrad (Duchi et al.). */
    ADAGRAD
}
