package io.sluice.sinks.print;

import io.sluice.core.connector.ConfigOption;
import io.sluice.core.connector.Options;
import io.sluice.core.connector.SinkContext;
import io.sluice.core.connector.SinkFactory;
import io.sluice.event.Event;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Sink;

import java.util.List;
import java.util.Optional;

/** {@code type: print}: one line of canonical JSON per event, to stdout or a file. */
@Internal
public final class PrintSinkFactory implements SinkFactory {

    public static final ConfigOption<String> PATH = ConfigOption.string("path").accepting("a file path")
            .withDoc("The file to append to (one writer); stdout of each task manager when absent.");

    @Override
    public String type() {
        return "print";
    }

    @Override
    public String description() {
        return "One line of canonical JSON per event, to stdout or a file.";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(PATH);
    }

    /** Printing shows each change as it is. */
    @Override
    public Optional<String> partialUpdates(Options options) {
        return Optional.empty();
    }

    @Override
    public String target(Options options) {
        return options.getOptional(PATH).orElse("stdout");
    }

    @Override
    public String identity(Options options) {
        return target(options);
    }

    /** A file has one writer, so its lines keep one order; stdout runs with the job's parallelism. */
    @Override
    public int parallelism(Options options, int jobParallelism) {
        return options.getOptional(PATH).isPresent() ? 1 : jobParallelism;
    }

    @Override
    public Sink<Event> createSink(SinkContext context) {
        return context.options().getOptional(PATH).map(PrintSink::toFile).orElseGet(PrintSink::toStdout);
    }
}
