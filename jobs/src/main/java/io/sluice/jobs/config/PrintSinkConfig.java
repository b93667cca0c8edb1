package io.sluice.jobs.config;

import io.sluice.core.failure.ErrorPolicy;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;
import java.util.Optional;

/** A {@code print} sink: one line of canonical JSON per event, to stdout or the file {@code path}. */
@PublicEvolving
public record PrintSinkConfig(Optional<String> name, String from, Optional<String> path, ErrorPolicy errorPolicy)
        implements SinkConfig {

    public PrintSinkConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(errorPolicy, "errorPolicy");
    }

    @Override
    public SinkType type() {
        return SinkType.PRINT;
    }
}
