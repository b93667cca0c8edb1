package io.sluice.source.enumerator;

import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.position.BinlogPosition;
import io.sluice.source.server.StartPositionResolver;
import io.sluice.source.split.BinlogSplit;

import org.apache.flink.annotation.Internal;

/**
 * What the split assigner asks the server about binlog positions; each call opens and closes its
 * own connection. An interface so that {@link SplitAssigner} runs in unit tests without a server.
 */
@Internal
interface ServerPositions {

    /** The binlog split of a source that starts without a snapshot, at its resolved start position. */
    BinlogSplit start();

    /** Checks the server's binlog settings and resolves the stop position; null when unbounded. */
    BinlogPosition stop();

    /** The server's current binlog end. */
    BinlogPosition current();

    /** The same transaction boundary with the server's GTID set there, where the server can tell it. */
    BinlogPosition withGtidSet(BinlogPosition position);

    /** The positions of the configured server. */
    static ServerPositions of(BinlogSourceConfig config) {
        return new ServerPositions() {
            @Override
            public BinlogSplit start() {
                return StartPositionResolver.resolve(config);
            }

            @Override
            public BinlogPosition stop() {
                return StartPositionResolver.checkAndResolveStop(config);
            }

            @Override
            public BinlogPosition current() {
                return StartPositionResolver.currentPosition(config);
            }

            @Override
            public BinlogPosition withGtidSet(BinlogPosition position) {
                return StartPositionResolver.withGtidSet(config, position);
            }
        };
    }
}
