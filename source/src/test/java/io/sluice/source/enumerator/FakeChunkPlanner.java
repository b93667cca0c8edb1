package io.sluice.source.enumerator;

import io.sluice.event.TableId;
import io.sluice.event.TableSchema;
import io.sluice.source.config.BinlogSourceConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Plans every table as keys 1..100 cut every 30 values (four chunks), without a server. */
final class FakeChunkPlanner extends ChunkPlanner {
    static final TableSchema ORDERS = EnumeratorStateSerializerCompatibilityTest.ORDERS_SCHEMA_V2;

    final List<TableId> planned = new ArrayList<>();
    /** What {@link #capturedTables} answers: the tables on the "server" that the patterns match. */
    final List<TableId> captured = new ArrayList<>();
    boolean closed;

    FakeChunkPlanner() {
        super(BinlogSourceConfig.builder().username("u").serverId(1).build());
    }

    @Override
    List<TableId> capturedTables() {
        return List.copyOf(captured);
    }

    @Override
    Optional<TableChunks> plan(TableId table) {
        planned.add(table);
        return Optional.of(new TableChunks(ORDERS.with(table, List.of("id")),
                EnumeratorStateSerializerCompatibilityTest.ORDERS_KEY_V2, 1L, 100L, 30L, 100, new FinishedChunks(),
                0, null, false));
    }

    @Override
    public void close() {
        closed = true;
    }
}
