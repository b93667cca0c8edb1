/**
 * Job files: the YAML model, its parser and its validator.
 *
 * <p>{@link io.sluice.jobs.config.JobFiles} reads a file into an immutable
 * {@link io.sluice.jobs.config.JobConfig} (job settings, source, filters, routes, joins,
 * aggregates, sinks) or throws a {@link io.sluice.jobs.config.JobConfigException} listing every
 * problem as {@code file:line: block.key: what is wrong; what is accepted}.
 *
 * <p>Parsing works on SnakeYAML's node tree, so positions survive: expressions and templates are
 * kept as {@link io.sluice.jobs.config.Expr} (text, line, column), and the validator checks each
 * with the code that will run it ({@link io.sluice.transforms.expr.Expressions#check}: the
 * transforms' sandboxed compiler, and the sinks' template parser), so a problem is reported at
 * its line and column. A module with rules of its own adds an
 * {@link io.sluice.jobs.config.ExpressionChecker}.
 * Passwords are {@link io.sluice.core.connector.Secret}s and never print.
 *
 * <p>Inside: {@code Block} reads one mapping with typed getters that report problems and go on;
 * one {@code *Parser} per block (the {@code source} block by the source's own {@link
 * io.sluice.source.config.SourceOptions}); {@code JobFileParser} ties them together; {@code JobValidator}
 * does the checks that need the whole file (names, references, expressions). No sink type is
 * named here: {@code SinkParser} looks the {@code type} up in the {@link
 * io.sluice.jobs.config.SinkRegistry} and {@code OptionReader} reads the sink's keys by its
 * factory's {@link io.sluice.core.connector.ConfigOption}s.
 */
package io.sluice.jobs.config;
