/**
 * Leave-one-out splitting of interactions into training and test halves that share one id mapping.
 * {@link io.github.ncf.data.split.LeaveOneOutSplitter} holds out each user's latest (or a random)
 * interaction; {@link io.github.ncf.data.split.Split} carries the result and its counts.
 */
package io.github.ncf.data.split;
