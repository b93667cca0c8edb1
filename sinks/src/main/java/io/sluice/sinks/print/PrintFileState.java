package io.sluice.sinks.print;

import org.apache.flink.annotation.Internal;

import java.util.Objects;

/**
 * The print sink's checkpointed state: the file it appends to and its length, in bytes, when
 * everything before the checkpoint barrier had been written and flushed.
 */
@Internal
public record PrintFileState(String path, long length) {

    public PrintFileState {
        Objects.requireNonNull(path, "path");
        if (length < 0) {
            throw new IllegalArgumentException("file length " + length + " is negative");
        }
    }
}
