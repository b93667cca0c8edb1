package io.sluice.jobs.plugin;

import io.sluice.core.connector.ConfigOption;
import io.sluice.core.connector.OptionErrors;
import io.sluice.core.connector.Options;
import io.sluice.core.connector.SinkContext;
import io.sluice.core.connector.SinkFactory;
import io.sluice.core.template.Template;
import io.sluice.event.Event;
import io.sluice.event.RowChange;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@code type: collect}, a sink that lives only in the tests: it is one package plus one service
 * entry ({@code src/test/plugin/META-INF/services}), found at run time like any other sink. Each
 * row change is collected as its rendered {@code label} template under the {@code into} name.
 */
public final class CollectingSinkFactory implements SinkFactory {

    /** What the sinks collected, by {@code into} name; shared by the writers of the test's JVM. */
    static final Map<String, Queue<String>> COLLECTED = new ConcurrentHashMap<>();

    public static final ConfigOption<String> INTO = ConfigOption.string("into").required().nonEmpty()
            .accepting("a collection name").withDoc("Where the rows are collected.");
    public static final ConfigOption<String> LABEL = ConfigOption.template("label", "row-{id}").required()
            .withDoc("What is collected for each row.");
    public static final ConfigOption<Integer> LIMIT = ConfigOption.integer("limit", 1, 1000).withDefault(1000)
            .withDoc("The most rows collected.");

    @Override
    public String type() {
        return "collect";
    }

    @Override
    public String description() {
        return "Rows collected in memory (tests only).";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(INTO, LABEL, LIMIT);
    }

    @Override
    public void validate(Options options, OptionErrors errors) {
        if (options.get(LIMIT) < 2 && options.get(LABEL) != null && options.get(LABEL).contains("{")) {
            errors.error(LIMIT, "a limit below 2 collects one row; expected 2 or more with a label template");
        }
    }

    @Override
    public String target(Options options) {
        return options.get(INTO);
    }

    @Override
    public String identity(Options options) {
        return options.get(INTO);
    }

    @Override
    public Sink<Event> createSink(SinkContext context) {
        return new CollectingSink(context.options().get(INTO), Template.parse(context.options().get(LABEL)),
                context.options().get(LIMIT));
    }

    /** Appends each row's label to {@link #COLLECTED}. */
    static final class CollectingSink implements Sink<Event> {
        private static final long serialVersionUID = 1L;

        private final String into;
        private final Template label;
        private final int limit;

        CollectingSink(String into, Template label, int limit) {
            this.into = into;
            this.label = label;
            this.limit = limit;
        }

        @Override
        @Deprecated
        public SinkWriter<Event> createWriter(InitContext context) {
            return writer();
        }

        @Override
        public SinkWriter<Event> createWriter(WriterInitContext context) {
            return writer();
        }

        private SinkWriter<Event> writer() {
            Queue<String> out = COLLECTED.computeIfAbsent(into, k -> new ConcurrentLinkedQueue<>());
            return new SinkWriter<>() {
                @Override
                public void write(Event event, Context context) {
                    if (event instanceof RowChange row && out.size() < limit) {
                        out.add(row.op().code() + " " + label.render(row.table(), row.schema(), row.current()));
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
