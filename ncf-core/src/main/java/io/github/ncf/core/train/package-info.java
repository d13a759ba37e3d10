/**
 * Training of NCF models: the trainer, its listeners and epoch events, and early stopping.
 */
package io.github.ncf.core.train;
