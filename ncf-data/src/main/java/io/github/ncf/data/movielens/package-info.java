/**
 * Reading interaction files: the MovieLens layouts (100k {@code u.data}/{@code u.item}, 1M and 10M
 * {@code ratings.dat}/{@code movies.dat}, 20M/25M/latest {@code ratings.csv}/{@code movies.csv}), a
 * generic {@link io.github.ncf.data.movielens.DelimitedReader}, the item catalog of titles and genres,
 * and {@link io.github.ncf.data.movielens.DataSource}, which finds the files locally or downloads the
 * official GroupLens archive with its checksum verified. Every malformed line is an error naming the
 * file, line, field and value (undecodable bytes also the encoding); a known release holding other
 * than its published row count is a {@link io.github.ncf.data.movielens.DataVerificationException};
 * every row left out by design is counted in a {@link io.github.ncf.data.movielens.ReadReport}.
 */
package io.github.ncf.data.movielens;
