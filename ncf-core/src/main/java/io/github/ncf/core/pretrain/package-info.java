/**
 * Pretraining for NeuMF as in section 3.4.1 of He et al. (WWW 2017): a trained GMF and a trained
 * MLP are transplanted into a NeuMF, which is then fine-tuned. See {@link
 * io.github.ncf.core.pretrain.Pretraining}.
 */
package io.github.ncf.core.pretrain;
