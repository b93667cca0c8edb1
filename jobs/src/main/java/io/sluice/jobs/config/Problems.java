package io.sluice.jobs.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the errors of one job file, so that all of them are reported at once. */
final class Problems {

    private final String file;
    private final List<ConfigError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(Position position, String path, String message) {
        errors.add(new ConfigError(file, position.line(), position.column(), path, message));
    }

    void addAll(List<ConfigError> more) {
        errors.addAll(more);
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The errors in file order; errors at the same place keep the order they were found in. */
    List<ConfigError> sorted() {
        List<ConfigError> copy = new ArrayList<>(errors);
        copy.sort(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
        return copy;
    }
}
