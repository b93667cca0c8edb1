package io.sluice.jobs.config;

import org.apache.flink.annotation.PublicEvolving;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A job file that cannot be run. Carries every problem found, not just the first; the message
 * lists them one per line, ordered by position in the file.
 */
@PublicEvolving
public final class JobConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<ConfigError> errors;

    public JobConfigException(List<ConfigError> errors) {
        super(format(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a JobConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** Every problem found, in file order. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String format(List<ConfigError> errors) {
        return errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n"));
    }
}
