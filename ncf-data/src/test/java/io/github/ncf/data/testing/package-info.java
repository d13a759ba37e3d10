/**
 * Reusable test fixtures of {@code ncf-data}, published as its test-jar: small hand-made interaction
 * sets and the lookup of the real MovieLens files through {@code NCF_DATA_DIR}, which skips a test
 * with a message when the files are absent.
 */
package io.github.ncf.data.testing;
