package io.sluice.core.key;

import static io.sluice.core.key.Rows.ddl;
import static io.sluice.core.key.Rows.delete;
import static io.sluice.core.key.Rows.insert;
import static io.sluice.core.key.Rows.line;
import static io.sluice.core.key.Rows.logUpdate;
import static io.sluice.core.key.Rows.update;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowKeySelectorTest {

    private final RowKeySelector keys = new RowKeySelector();

    @Test
    void theKeyIsTheTableAndTheKeyValuesAsCanonicalJson() {
        assertThat(keys.getKey(insert(7, "a"))).isEqualTo("[\"shop.orders\",7]");
        assertThat(keys.getKey(line(7, "A-1", "2.50"))).isEqualTo("[\"shop.lines\",7,\"A-1\"]");
    }

    @Test
    void everyChangeOfOneRowHasTheSameKey() {
        String key = keys.getKey(insert(7, "a"));
        assertThat(keys.getKey(update(7, 7, "b"))).isEqualTo(key);
        assertThat(keys.getKey(delete(7))).isEqualTo(key);
    }

    @Test
    void schemaChangesAndRowsWithoutAKeyAreKeyedByTheirTable() {
        assertThat(keys.getKey(ddl())).isEqualTo("[\"shop.orders\"]");
        assertThat(keys.getKey(logUpdate("a", "b"))).isEqualTo("[\"shop.log\"]");
    }
}
