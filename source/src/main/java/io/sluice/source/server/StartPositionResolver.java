package io.sluice.source.server;

import io.sluice.source.SluiceSourceException;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.position.StartupOptions;
import io.sluice.source.position.StopOptions;
import io.sluice.source.split.BinlogSplit;

import org.apache.flink.annotation.Internal;

import java.util.Map;

/**
 * Turns the configured start and stop into concrete binlog positions, after checking the server's
 * binlog settings and that the start position still exists.
 */
@Internal
public final class StartPositionResolver {
    private StartPositionResolver() {}

    public static BinlogSplit resolve(BinlogSourceConfig config) {
        try (SourceServer server = new SourceServer(config)) {
            server.checkBinlogSettings();
            StartupOptions startup = config.startup();
            BinlogPosition start = switch (startup.mode()) {
                case EARLIEST -> server.earliestPosition();
                case LATEST -> server.currentPosition();
                case POSITION -> server.position(startup.file(), startup.position());
                case INITIAL, SNAPSHOT -> throw new IllegalStateException(
                        "startup mode " + startup + " starts the binlog after the snapshot");
                case GTID -> new PositionFinder(config, server).afterGtidSet(startup.gtidSet());
                case TIMESTAMP -> new PositionFinder(config, server).atTimestamp(startup.timestampMs());
            };
            BinlogPosition stop = config.stop().map(s -> stopPosition(s, server)).orElse(null);
            if (stop != null && stop.compareTo(start) < 0) {
                throw new SluiceSourceException(
                        "the stop position " + config.stop().get() + " (" + stop + ") is before the start position "
                                + startup + " (" + start + "): the source would read nothing. Set stop-at to a"
                                + " later position, or 'latest'.");
            }
            return new BinlogSplit(start, stop, Map.of());
        }
    }

    /** Checks the server's binlog settings (the snapshot needs them too) and resolves the stop position. */
    public static BinlogPosition checkAndResolveStop(BinlogSourceConfig config) {
        try (SourceServer server = new SourceServer(config)) {
            server.checkBinlogSettings();
            return config.stop().map(s -> stopPosition(s, server)).orElse(null);
        }
    }

    public static BinlogPosition currentPosition(BinlogSourceConfig config) {
        try (SourceServer server = new SourceServer(config)) {
            return server.currentPosition();
        }
    }

    /** The same transaction boundary with the server's GTID set there, where the server can tell it. */
    public static BinlogPosition withGtidSet(BinlogSourceConfig config, BinlogPosition position) {
        try (SourceServer server = new SourceServer(config)) {
            return server.withGtidSet(position);
        }
    }

    private static BinlogPosition stopPosition(StopOptions stop, SourceServer server) {
        return stop.latest() ? server.currentPosition() : BinlogPosition.at(stop.file(), stop.position());
    }
}
