/**
 * Canal's event filters: tables (comma-separated regexes on {@code db.table}), kinds of change,
 * row predicates that turn updates leaving or entering the predicate into deletes and inserts,
 * and column selections. Entry point: {@link io.sluice.transforms.filter.Filters}.
 */
package io.sluice.transforms.filter;
