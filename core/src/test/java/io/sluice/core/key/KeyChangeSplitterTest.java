package io.sluice.core.key;

import static io.sluice.core.key.Rows.ddl;
import static io.sluice.core.key.Rows.delete;
import static io.sluice.core.key.Rows.insert;
import static io.sluice.core.key.Rows.logUpdate;
import static io.sluice.core.key.Rows.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.Event;
import io.sluice.event.EventTypeInfo;
import io.sluice.event.Op;
import io.sluice.event.RowChange;

import org.apache.flink.api.common.functions.util.ListCollector;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class KeyChangeSplitterTest {

    private final KeyChangeSplitter splitter = new KeyChangeSplitter();
    private final RowKeySelector keys = new RowKeySelector();

    private List<Event> split(Event event) {
        List<Event> out = new ArrayList<>();
        splitter.flatMap(event, new ListCollector<>(out));
        return out;
    }

    @Test
    void anUpdateOfTheKeyBecomesADeleteOfTheOldKeyAndAnInsertOfTheNewOne() {
        List<Event> out = split(update(7, 8, "moved"));

        assertThat(out).hasSize(2);
        RowChange delete = (RowChange) out.get(0);
        RowChange insert = (RowChange) out.get(1);
        assertThat(delete.op()).isEqualTo(Op.DELETE);
        assertThat(delete.before()).containsExactly(7L, "old");
        assertThat(delete.after()).isNull();
        assertThat(insert.op()).isEqualTo(Op.INSERT);
        assertThat(insert.before()).isNull();
        assertThat(insert.after()).containsExactly(8L, "moved");
        assertThat(insert.source()).isEqualTo(delete.source());
        // each half is routed by its own key
        assertThat(keys.getKey(delete)).isEqualTo("[\"shop.orders\",7]");
        assertThat(keys.getKey(insert)).isEqualTo("[\"shop.orders\",8]");
    }

    @Test
    void everythingElsePassesUnchanged() {
        for (Event event : List.of(update(7, 7, "same key"), insert(1, "a"), delete(2), ddl(),
                logUpdate("a", "b"))) {
            assertThat(split(event)).containsExactly(event);
        }
    }

    @Test
    void producesEventsWithTheEventSerializer() {
        assertThat(splitter.getProducedType()).isSameAs(EventTypeInfo.INSTANCE);
    }
}
