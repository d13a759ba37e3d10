/**
 * Implicit-feedback interactions and their id mappings: the columnar store that every other part of
 * {@code ncf} reads. Raw ids live only at the edges; inside, users and items are dense indices.
 */
package io.github.ncf.data;
