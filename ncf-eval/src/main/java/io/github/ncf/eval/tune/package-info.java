/**
 * Hyperparameter search that reads validation only: a declared {@link io.github.ncf.eval.tune.SearchSpace},
 * a seeded {@link io.github.ncf.eval.tune.RandomSearch} over it, and {@link io.github.ncf.eval.tune.Recipes}
 * that train each model of the comparison from a configuration. {@link io.github.ncf.eval.tune.RandomSearch} scores
 * every trial on the validation split, then trains the chosen configuration and evaluates test once.
 */
package io.github.ncf.eval.tune;
