/**
 * The {@code print} sink: each event as one line of canonical JSON, to stdout or to a file.
 *
 * <p>{@link io.sluice.sinks.print.PrintSink} is the public sink; the writer owns the output stream
 * and, for a file, remembers in checkpoints how long the file was, so a restore cuts off the lines
 * written after that checkpoint and the file holds every event exactly once.
 */
package io.sluice.sinks.print;
