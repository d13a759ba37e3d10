/**
 * The three models of He et al., "Neural Collaborative Filtering" (WWW 2017), GMF, MLP and NeuMF,
 * as DJL blocks with fluent builders.
 */
package io.github.ncf.core.model;
