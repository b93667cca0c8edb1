package io.sluice.jobs.config;

import io.sluice.core.connector.ConfigOption;
import io.sluice.core.connector.TruncatePolicy;
import io.sluice.core.table.TablePattern;
import io.sluice.transforms.expr.ExpressionKind;
import io.sluice.transforms.expr.Expressions;

import org.apache.flink.annotation.PublicEvolving;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The checks that need the whole job: names are unique, every {@code from} refers to something
 * that exists, aggregates do not read from each other in a cycle, and every expression and
 * template passes the check of the code that runs it ({@link Expressions#check}) and each
 * plugged-in {@link ExpressionChecker}.
 *
 * <p>A {@code from} is checked when it looks like a name: a plain identifier must be a join or
 * aggregate, and a {@code db.table} must be a route target or a table the source reads.
 * Anything else (a pattern, say) is left to the topology builder.
 */
@PublicEvolving
public final class JobValidator {

    private final List<ExpressionChecker> checkers;
    private final List<JobCheck> jobChecks;

    /** A validator with only the built-in checks. */
    public JobValidator() {
        this(List.of());
    }

    /** @param checkers run in order after the built-in check, until one reports a problem */
    public JobValidator(List<ExpressionChecker> checkers) {
        this(checkers, List.of());
    }

    /**
     * @param checkers run in order after the built-in check, until one reports a problem
     * @param jobChecks run in order on a job that passed every other check
     */
    public JobValidator(List<ExpressionChecker> checkers, List<JobCheck> jobChecks) {
        List<ExpressionChecker> all = new ArrayList<>();
        all.add(Expressions::check);
        all.addAll(checkers);
        this.checkers = List.copyOf(all);
        this.jobChecks = List.copyOf(jobChecks);
    }

    /** Validates a configuration built in code; errors carry paths but no line numbers. */
    public List<ConfigError> validate(JobConfig config) {
        return validate(config, new Locations("<job>"));
    }

    /** Validates a parsed configuration, placing errors with the locations the parser recorded. */
    List<ConfigError> validate(JobConfig config, Locations locations) {
        return validate(config, locations, false);
    }

    /**
     * As {@link #validate(JobConfig, Locations)}; the job checks run only when nothing else is
     * wrong, including the parse problems that {@code parseFailed} signals.
     */
    List<ConfigError> validate(JobConfig config, Locations locations, boolean parseFailed) {
        Run run = new Run(config, locations);
        run.names();
        run.references();
        run.aggregateCycles();
        run.partialUpdates();
        run.truncateDeletes();
        run.expressions();
        if (!parseFailed && run.errors.isEmpty()) {
            run.jobChecks();
        }
        return run.errors;
    }

    /** The state of one validation. */
    private final class Run {
        final JobConfig config;
        final Locations loc;
        final List<ConfigError> errors = new ArrayList<>();
        /** Join and aggregate names, each with the path that defines it first. */
        final Map<String, String> defined = new LinkedHashMap<>();
        final Set<String> routeTargets = new TreeSet<>();

        Run(JobConfig config, Locations loc) {
            this.config = config;
            this.loc = loc;
            config.routes().forEach(r -> {
                if (!r.to().database().isEmpty()) {
                    routeTargets.add(r.to().toString().toLowerCase(Locale.ROOT));
                }
            });
        }

        void error(String path, String message) {
            error(loc.find(path), path, message);
        }

        void error(Position position, String path, String message) {
            errors.add(new ConfigError(loc.file(), position.line(), position.column(), path, message));
        }

        String path(Object element, String fallback) {
            return loc.pathOf(element, fallback);
        }

        void jobChecks() {
            JobCheck.Report report = (element, key, message) -> {
                String base = pathOfPart(element);
                error(key.isEmpty() ? base : base + "." + key, message);
            };
            for (JobCheck check : jobChecks) {
                check.check(config, report);
            }
        }

        /** The path of a part of the job: recorded by the parser, else found by identity in the config. */
        private String pathOfPart(Object element) {
            if (element == config.job()) {
                return "job";
            }
            if (element == config.source()) {
                return "source";
            }
            String[] names = {"filters", "routes", "joins", "aggregates", "sinks"};
            List<?>[] lists = {config.filters(), config.routes(), config.joins(), config.aggregates(), config.sinks()};
            for (int l = 0; l < lists.length; l++) {
                for (int i = 0; i < lists[l].size(); i++) {
                    if (lists[l].get(i) == element) {
                        return path(element, names[l] + "[" + i + "]");
                    }
                }
            }
            return path(element, "");
        }

        void names() {
            for (int i = 0; i < config.joins().size(); i++) {
                define(config.joins().get(i).name(), path(config.joins().get(i), "joins[" + i + "]"));
            }
            for (int i = 0; i < config.aggregates().size(); i++) {
                define(config.aggregates().get(i).name(), path(config.aggregates().get(i), "aggregates[" + i + "]"));
            }
            Map<String, String> sinkNames = new HashMap<>();
            for (int i = 0; i < config.sinks().size(); i++) {
                SinkConfig sink = config.sinks().get(i);
                String path = path(sink, "sinks[" + i + "]");
                sink.name().filter(n -> !n.isEmpty()).ifPresent(name -> {
                    String first = sinkNames.putIfAbsent(name, path);
                    if (first != null) {
                        error(path + ".name", "duplicate sink name '" + name + "': " + first + where(first)
                                + " already has it; sink names must be unique, they fix the operators' uids");
                    }
                });
            }
        }

        private void define(String name, String path) {
            if (name.isEmpty()) {
                return;
            }
            String first = defined.putIfAbsent(name, path);
            if (first != null) {
                error(path + ".name", "duplicate name '" + name + "': " + first + where(first)
                        + " already has it; names of joins and aggregates must be unique");
            }
        }

        private String where(String path) {
            int line = loc.find(path).line();
            return line > 0 ? " (line " + line + ")" : "";
        }

        void references() {
            for (int i = 0; i < config.joins().size(); i++) {
                JoinConfig join = config.joins().get(i);
                String path = path(join, "joins[" + i + "]");
                table(join.main(), path + ".main");
                lookups(join.lookups(), path + ".lookups");
                for (int c = 0; c < join.children().size(); c++) {
                    ChildConfig child = join.children().get(c);
                    table(child.table(), path(child, path + ".children[" + c + "]") + ".table");
                }
            }
            for (int i = 0; i < config.aggregates().size(); i++) {
                AggregateConfig aggregate = config.aggregates().get(i);
                String path = path(aggregate, "aggregates[" + i + "]") + ".from";
                if (!aggregate.name().isEmpty() && aggregate.from().equals(aggregate.name())) {
                    error(path, "aggregate '" + aggregate.name() + "' reads from itself; expected "
                            + "a table, a join or another aggregate");
                } else {
                    from(aggregate.from(), path);
                }
            }
            for (int i = 0; i < config.sinks().size(); i++) {
                SinkConfig sink = config.sinks().get(i);
                from(sink.from(), path(sink, "sinks[" + i + "]") + ".from");
            }
        }

        private void lookups(List<LookupConfig> lookups, String basePath) {
            for (int i = 0; i < lookups.size(); i++) {
                LookupConfig lookup = lookups.get(i);
                String path = path(lookup, basePath + "[" + i + "]");
                table(lookup.table(), path + ".table");
                lookups(lookup.lookups(), path + ".lookups");
            }
        }

        private void from(String from, String path) {
            if (from.isEmpty()) {
                return;
            }
            if (Names.isIdentifier(from)) {
                if (!defined.containsKey(from)) {
                    String hint = Names.closest(from, defined.keySet())
                            .map(c -> " (did you mean '" + c + "'?)").orElse("");
                    error(path, "'" + from + "' is not defined" + hint + "; expected the name of a join or aggregate ("
                            + listOrNone(defined.keySet()) + ") or a table: " + tableChoices());
                }
                return;
            }
            TableName.parse(from).ifPresent(t -> table(t, path));
        }

        private void table(TableName table, String path) {
            if (table.database().isEmpty() || config.source().tables().isEmpty()) {
                return; // already reported, or the source's tables are unknown
            }
            String name = table.toString();
            if (routeTargets.contains(name.toLowerCase(Locale.ROOT)) || config.source().captures(name)) {
                return;
            }
            Optional<TablePattern> excludedBy = config.source().exclude().stream()
                    .filter(p -> p.matches(name)).findFirst();
            if (excludedBy.isPresent() && TablePattern.anyMatches(config.source().tables(), name)) {
                error(path, "table '" + name + "' is excluded by source.exclude (" + excludedBy.get()
                        + "); expected " + tableChoices());
                return;
            }
            error(path, "table '" + name + "' is not read by the source and no route writes it; expected "
                    + tableChoices());
        }

        private String tableChoices() {
            String tables = config.source().tables().isEmpty() ? "a db.table the source reads"
                    : "a db.table matched by source.tables (" + config.source().tables().stream()
                            .map(TablePattern::regex).collect(Collectors.joining(", ")) + ")";
            return "a route target (" + listOrNone(routeTargets) + ") or " + tables;
        }

        /** A join's partial updates may only reach sinks that merge them into what the target holds. */
        void partialUpdates() {
            for (int i = 0; i < config.sinks().size(); i++) {
                SinkConfig sink = config.sinks().get(i);
                Optional<JoinConfig> join = config.join(sink.from());
                if (join.isEmpty() || join.get().output() != JoinOutput.PARTIAL) {
                    continue;
                }
                Optional<String> problem = sink.factory().partialUpdates(sink.options());
                if (problem.isPresent()) {
                    error(path(sink, "sinks[" + i + "]") + ".from", "join '" + sink.from() + "' sends partial updates"
                            + " (output: partial, only the key and the fields that changed), but this " + sink.type()
                            + " sink cannot apply them: " + problem.get() + "; or set output: full in the join");
                }
            }
        }

        /**
         * {@code truncate: delete} empties the sink's target table, so it cannot stand behind a
         * route that merges tables into the one the sink reads: a truncation of one of them would
         * delete the others' rows too.
         */
        void truncateDeletes() {
            for (int i = 0; i < config.sinks().size(); i++) {
                SinkConfig sink = config.sinks().get(i);
                Optional<ConfigOption<?>> truncate = sink.factory().options().stream()
                        .filter(o -> o.key().equals(TruncatePolicy.KEY)).findFirst();
                if (truncate.isEmpty() || sink.options().get(truncate.get()) != TruncatePolicy.DELETE
                        || config.join(sink.from()).isPresent() || config.aggregate(sink.from()).isPresent()) {
                    continue;
                }
                for (RouteConfig route : config.routes()) {
                    String target = route.to().toString();
                    if (reads(sink.from(), target)) {
                        error(path(sink, "sinks[" + i + "]") + "." + TruncatePolicy.KEY, "truncate: delete empties the"
                                + " target of " + target + ", which the route from '" + route.from().regex() + "' merges"
                                + " several tables into: a truncation of one would delete the others' rows too;"
                                + " expected truncate: fail or ignore");
                        break;
                    }
                }
            }
        }

        private boolean reads(String from, String table) {
            if (from.equalsIgnoreCase(table)) {
                return true;
            }
            try {
                return TablePattern.compile(from).matches(table);
            } catch (RuntimeException e) {
                return false; // reported where the pattern is read
            }
        }

        void aggregateCycles() {
            Map<String, String> fromByName = new HashMap<>();
            config.aggregates().forEach(a -> fromByName.putIfAbsent(a.name(), a.from()));
            for (int i = 0; i < config.aggregates().size(); i++) {
                AggregateConfig start = config.aggregates().get(i);
                List<String> chain = new ArrayList<>(List.of(start.name()));
                String next = start.from();
                while (fromByName.containsKey(next) && !chain.contains(next)) {
                    chain.add(next);
                    next = fromByName.get(next);
                }
                // Report a cycle once, at the aggregate of the cycle that comes first in the file.
                if (next.equals(start.name()) && chain.size() > 1 && isFirstInFile(chain, i)) {
                    chain.add(next);
                    error(path(start, "aggregates[" + i + "]") + ".from", "aggregates read from each other in a cycle: "
                            + String.join(" -> ", chain) + "; expected each aggregate to read from a table, a join "
                            + "or an earlier aggregate");
                }
            }
        }

        private boolean isFirstInFile(List<String> cycle, int index) {
            for (int j = 0; j < index; j++) {
                if (cycle.contains(config.aggregates().get(j).name())) {
                    return false;
                }
            }
            return true;
        }

        void expressions() {
            for (int i = 0; i < config.filters().size(); i++) {
                FilterConfig filter = config.filters().get(i);
                String path = path(filter, "filters[" + i + "]");
                filter.where().ifPresent(e -> expression(e, ExpressionKind.WHERE, path + ".where"));
            }
            for (int i = 0; i < config.aggregates().size(); i++) {
                AggregateConfig aggregate = config.aggregates().get(i);
                String path = path(aggregate, "aggregates[" + i + "]");
                aggregate.groupBy().forEach((name, e) -> expression(e, ExpressionKind.GROUP_BY,
                        path + ".group-by." + name));
                aggregate.measures().forEach((name, m) -> m.argument().ifPresent(e -> expression(e,
                        ExpressionKind.MEASURE, path + ".measures." + name)));
            }
            for (int i = 0; i < config.sinks().size(); i++) {
                SinkConfig sink = config.sinks().get(i);
                String path = path(sink, "sinks[" + i + "]");
                sink.options().templates().forEach((key, template) -> template(template, path + "." + key));
            }
        }

        private void template(Expr template, String path) {
            expression(template, ExpressionKind.TEMPLATE, path);
        }

        private void expression(Expr expr, ExpressionKind kind, String path) {
            if (expr.text().isBlank()) {
                return; // reported by the parser
            }
            for (ExpressionChecker checker : checkers) {
                Optional<String> problem;
                try {
                    problem = checker.check(expr.text(), kind);
                } catch (RuntimeException e) {
                    problem = Optional.of("the check failed: " + e);
                }
                if (problem.isPresent()) {
                    String what = kind == ExpressionKind.TEMPLATE ? "template" : "expression";
                    if (expr.line() <= 0) {
                        error(loc.find(path), path, "invalid " + what + " '" + expr.text() + "': " + problem.get());
                        return;
                    }
                    Located located = locate(expr, problem.get());
                    error(located.position(), path, "invalid " + what + " '" + expr.text() + "' at column "
                            + located.position().column() + ": " + located.message());
                    return;
                }
            }
        }
    }

    /** A checker's message that starts with its position inside the expression: {@code at column 5: ...}. */
    private static final Pattern RELATIVE_POSITION =
            Pattern.compile("at (?:line (\\d+), )?column (\\d+): (.*)", Pattern.DOTALL);

    /** Where a problem is in the file, and the message without the position inside the expression. */
    private record Located(Position position, String message) {}

    /**
     * Places a checker's problem in the file. A message starting with {@code at column N: } (the
     * position inside the expression, 1-based) moves the column to that character when the
     * expression sits on one line of the file; otherwise the problem is placed at the expression's
     * first character. Escapes in a double-quoted YAML string can shift the column by their length.
     */
    private static Located locate(Expr expr, String problem) {
        Position start = new Position(expr.line(), expr.column());
        Matcher m = RELATIVE_POSITION.matcher(problem);
        if (!m.matches() || expr.text().indexOf('\n') >= 0 || (m.group(1) != null && !m.group(1).equals("1"))) {
            return new Located(start, problem);
        }
        int column = Integer.parseInt(m.group(2));
        if (column < 1 || column > expr.text().length() + 1) {
            return new Located(start, problem);
        }
        return new Located(new Position(expr.line(), expr.column() + column - 1), m.group(3));
    }

    private static String listOrNone(Set<String> names) {
        return names.isEmpty() ? "none defined" : String.join(", ", names);
    }
}
