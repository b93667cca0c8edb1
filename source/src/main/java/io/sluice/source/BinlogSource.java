package io.sluice.source;

import io.sluice.event.Event;
import io.sluice.event.EventTypeInfo;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.enumerator.BinlogEnumeratorState;
import io.sluice.source.enumerator.BinlogEnumeratorStateSerializer;
import io.sluice.source.enumerator.BinlogSplitEnumerator;
import io.sluice.source.reader.BinlogSourceReader;
import io.sluice.source.split.BinlogSplit;
import io.sluice.source.split.BinlogSplitSerializer;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Streams the row changes of a MySQL or MariaDB server's binlog as {@link Event}s, resuming from
 * any checkpoint with no lost and no repeated change. Bounded when a stop position is configured.
 *
 * <pre>{@code
 * env.fromSource(new BinlogSource(config), WatermarkStrategy.noWatermarks(), "binlog: shop")
 *    .setParallelism(1);
 * }</pre>
 */
@PublicEvolving
public final class BinlogSource
        implements Source<Event, BinlogSplit, BinlogEnumeratorState>, ResultTypeQueryable<Event> {
    private static final long serialVersionUID = 1L;

    private final BinlogSourceConfig config;

    public BinlogSource(BinlogSourceConfig config) {
        this.config = config;
    }

    public BinlogSourceConfig config() {
        return config;
    }

    @Override
    public Boundedness getBoundedness() {
        return config.stop().isPresent() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<Event, BinlogSplit> createReader(SourceReaderContext context) {
        return new BinlogSourceReader(config, context);
    }

    @Override
    public SplitEnumerator<BinlogSplit, BinlogEnumeratorState> createEnumerator(
            SplitEnumeratorContext<BinlogSplit> context) {
        return new BinlogSplitEnumerator(context, config, BinlogEnumeratorState.initial());
    }

    @Override
    public SplitEnumerator<BinlogSplit, BinlogEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<BinlogSplit> context, BinlogEnumeratorState state) {
        return new BinlogSplitEnumerator(context, config, state);
    }

    @Override
    public SimpleVersionedSerializer<BinlogSplit> getSplitSerializer() {
        return BinlogSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<BinlogEnumeratorState> getEnumeratorCheckpointSerializer() {
        return BinlogEnumeratorStateSerializer.INSTANCE;
    }

    @Override
    public TypeInformation<Event> getProducedType() {
        return EventTypeInfo.INSTANCE;
    }
}
