package io.sluice.source;

import io.sluice.event.Event;
import io.sluice.event.EventTypeInfo;
import io.sluice.source.config.BinlogSourceConfig;
import io.sluice.source.enumerator.EnumeratorState;
import io.sluice.source.enumerator.EnumeratorStateSerializer;
import io.sluice.source.enumerator.SluiceEnumerator;
import io.sluice.source.position.StartupMode;
import io.sluice.source.reader.SluiceSourceReader;
import io.sluice.source.split.SluiceSplit;
import io.sluice.source.split.SluiceSplitSerializer;

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
 * <p>With startup mode {@code initial} it first reads every captured table (op {@code r}) in key
 * range chunks, in parallel on all readers and without locks, then hands over to the binlog with
 * no gap and no repeat; {@code snapshot} reads the tables and stops.
 *
 * <pre>{@code
 * env.fromSource(new BinlogSource(config), WatermarkStrategy.noWatermarks(), "binlog: shop")
 *    .setParallelism(1);
 * }</pre>
 */
@PublicEvolving
public final class BinlogSource
        implements Source<Event, SluiceSplit, EnumeratorState>, ResultTypeQueryable<Event> {
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
        return config.stop().isPresent() || config.startup().mode() == StartupMode.SNAPSHOT
                ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<Event, SluiceSplit> createReader(SourceReaderContext context) {
        return new SluiceSourceReader(config, context);
    }

    @Override
    public SplitEnumerator<SluiceSplit, EnumeratorState> createEnumerator(
            SplitEnumeratorContext<SluiceSplit> context) {
        return new SluiceEnumerator(context, config, EnumeratorState.initial());
    }

    @Override
    public SplitEnumerator<SluiceSplit, EnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<SluiceSplit> context, EnumeratorState state) {
        return new SluiceEnumerator(context, config, state);
    }

    @Override
    public SimpleVersionedSerializer<SluiceSplit> getSplitSerializer() {
        return SluiceSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<EnumeratorState> getEnumeratorCheckpointSerializer() {
        return EnumeratorStateSerializer.INSTANCE;
    }

    @Override
    public TypeInformation<Event> getProducedType() {
        return EventTypeInfo.INSTANCE;
    }
}
