package io.sluice.jobs.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;

/**
 * Turns the text of a job file into a {@link JobConfig}, reporting every shape problem (syntax,
 * unknown keys, types, missing keys, bad values) into the context's {@link Problems}. Reads the
 * YAML node tree rather than Java objects so every value keeps its line and column.
 *
 * <p>When there are problems, the returned configuration holds stand-ins (empty strings,
 * defaults) for the bad values; it is only good for the cross-checks of {@link JobValidator},
 * which skip blank names, and must not escape to callers.
 */
final class JobFileParser {

    static final List<String> TOP_KEYS = List.of("job", "source", "filters", "routes", "joins", "aggregates", "sinks");

    private static final String BLOCKS = "the blocks job, source and sinks (and optionally filters, routes, joins, "
            + "aggregates)";

    private JobFileParser() {}

    /** Parses; empty when the text is not YAML at all. */
    static Optional<JobConfig> parse(String yaml, ParseContext ctx) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setProcessComments(false);
            root = new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            ctx.error(Position.of(e.getProblemMark()), "", syntaxMessage(e));
            return Optional.empty();
        } catch (YAMLException e) {
            ctx.error(Position.UNKNOWN, "", "YAML error: " + e.getMessage());
            return Optional.empty();
        }
        if (root == null) {
            ctx.error(new Position(1, 1), "", "the job file is empty; expected " + BLOCKS);
            return Optional.empty();
        }
        Block top = Block.of(ctx, root, "", TOP_KEYS);
        JobSettings job = top.block("job", JobSettingsParser.KEYS).map(JobSettingsParser::parse).orElseGet(() -> {
            top.missing("job", "a job block with at least a name, e.g. job: {name: shop-search}");
            return JobSettingsParser.placeholder();
        });
        SourceConfig source = top.block("source", SourceParser.KEYS).map(SourceParser::parse).orElseGet(() -> {
            top.missing("source", "a source block with type, hostname, username, server-id and tables");
            return SourceParser.placeholder();
        });
        return Optional.of(new JobConfig(job, source,
                FilterRouteParser.filters(top),
                FilterRouteParser.routes(top),
                JoinParser.joins(top),
                AggregateParser.aggregates(top),
                SinkParser.sinks(top)));
    }

    private static String syntaxMessage(MarkedYAMLException e) {
        StringBuilder out = new StringBuilder("YAML syntax error");
        if (e.getProblemMark() != null) {
            out.append(" at column ").append(e.getProblemMark().getColumn() + 1);
        }
        out.append(": ").append(e.getProblem() == null ? "invalid YAML" : e.getProblem().trim());
        if (e.getContext() != null) {
            out.append(" (").append(e.getContext().trim());
            if (e.getContextMark() != null) {
                out.append(" started at line ").append(e.getContextMark().getLine() + 1);
            }
            out.append(')');
        }
        return out.append("; check the indentation, colons and quotes").toString();
    }
}
