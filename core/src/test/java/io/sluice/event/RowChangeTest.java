package io.sluice.event;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RowChange}: which images each op needs, their width, and key changes. */
class RowChangeTest {
    private static final TableId ORDERS = new TableId("shop", "orders");
    private static final TableSchema SCHEMA = new TableSchema(ORDERS, List.of(
            Column.of("shop_id", ColumnType.INT),
            Column.of("id", ColumnType.BIGINT),
            Column.of("note", ColumnType.STRING)), List.of("shop_id", "id"));
    private static final SourceInfo SOURCE = EventFixtures.source(ORDERS, 4, null);

    private static RowChange change(Op op, Object[] before, Object[] after) {
        return new RowChange(op, ORDERS, SCHEMA, before, after, SOURCE);
    }

    private static Object[] row(Object shopId, Object id, String note) {
        return new Object[] {shopId, id, note};
    }

    @Test
    void acceptsTheImagesEachOpNeeds() {
        assertThat(change(Op.INSERT, null, row(1L, 2L, "a")).current()).containsExactly(1L, 2L, "a");
        assertThat(change(Op.READ, null, row(1L, 2L, "a")).before()).isNull();
        assertThat(change(Op.UPDATE, row(1L, 2L, "a"), row(1L, 2L, "b")).current()).containsExactly(1L, 2L, "b");
        assertThat(change(Op.DELETE, row(1L, 2L, "a"), null).current()).containsExactly(1L, 2L, "a");
    }

    @Test
    void insertAndReadNeedOnlyAnAfterImage() {
        assertThatThrownBy(() -> change(Op.INSERT, row(1L, 2L, "a"), row(1L, 2L, "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a INSERT has a before image and an after image");
        assertThatThrownBy(() -> change(Op.INSERT, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a INSERT has no before image and no after image");
        assertThatThrownBy(() -> change(Op.READ, row(1L, 2L, "a"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a READ has a before image and no after image");
    }

    @Test
    void updateNeedsBothImages() {
        assertThatThrownBy(() -> change(Op.UPDATE, null, row(1L, 2L, "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a UPDATE has no before image and an after image");
        assertThatThrownBy(() -> change(Op.UPDATE, row(1L, 2L, "a"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a UPDATE has a before image and no after image");
    }

    @Test
    void deleteNeedsOnlyABeforeImage() {
        assertThatThrownBy(() -> change(Op.DELETE, null, row(1L, 2L, "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a DELETE has no before image and an after image");
        assertThatThrownBy(() -> change(Op.DELETE, row(1L, 2L, "a"), row(1L, 2L, "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a DELETE has a before image and an after image");
    }

    @Test
    void imagesMustHaveOneValuePerColumn() {
        assertThatThrownBy(() -> change(Op.INSERT, null, new Object[] {1L, 2L}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row image of 2 values for 3 columns of shop.orders");
        assertThatThrownBy(() -> change(Op.UPDATE, new Object[] {1L, 2L, "a", "b"}, row(1L, 2L, "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row image of 4 values for 3 columns of shop.orders");
    }

    @Test
    void rejectsMissingParts() {
        assertThatThrownBy(() -> new RowChange(null, ORDERS, SCHEMA, null, row(1L, 2L, "a"), SOURCE))
                .isInstanceOf(NullPointerException.class).hasMessage("op");
        assertThatThrownBy(() -> new RowChange(Op.INSERT, ORDERS, SCHEMA, null, row(1L, 2L, "a"), null))
                .isInstanceOf(NullPointerException.class).hasMessage("source");
    }

    @Test
    void updateOfAnyKeyColumnChangesTheKey() {
        assertThat(change(Op.UPDATE, row(1L, 2L, "a"), row(1L, 3L, "a")).changesKey()).isTrue();
        assertThat(change(Op.UPDATE, row(1L, 2L, "a"), row(9L, 2L, "a")).changesKey()).isTrue();
        assertThat(change(Op.UPDATE, row(1L, 2L, "a"), row(1L, null, "a")).changesKey()).isTrue();
    }

    @Test
    void updateOfOtherColumnsKeepsTheKey() {
        assertThat(change(Op.UPDATE, row(1L, 2L, "a"), row(1L, 2L, "b")).changesKey()).isFalse();
        assertThat(change(Op.UPDATE, row(null, 2L, "a"), row(null, 2L, "b")).changesKey()).isFalse();
    }

    @Test
    void binaryKeysCompareByContent() {
        TableSchema schema = new TableSchema(ORDERS, List.of(Column.of("k", ColumnType.BINARY), Column.of("v", ColumnType.INT)), List.of("k"));
        RowChange same = new RowChange(Op.UPDATE, ORDERS, schema, new Object[] {new byte[] {1, 2}, 1L}, new Object[] {new byte[] {1, 2}, 2L}, SOURCE);
        RowChange other = new RowChange(Op.UPDATE, ORDERS, schema, new Object[] {new byte[] {1, 2}, 1L}, new Object[] {new byte[] {1, 3}, 1L}, SOURCE);

        assertThat(same.changesKey()).isFalse();
        assertThat(other.changesKey()).isTrue();
    }

    @Test
    void onlyUpdatesChangeKeys() {
        assertThat(change(Op.INSERT, null, row(1L, 2L, "a")).changesKey()).isFalse();
        assertThat(change(Op.READ, null, row(1L, 2L, "a")).changesKey()).isFalse();
        assertThat(change(Op.DELETE, row(1L, 2L, "a"), null).changesKey()).isFalse();
    }

    @Test
    void tableWithoutKeyNeverChangesKey() {
        TableSchema keyless = new TableSchema(ORDERS, SCHEMA.columns(), List.of());

        assertThat(new RowChange(Op.UPDATE, ORDERS, keyless, row(1L, 2L, "a"), row(3L, 4L, "b"), SOURCE).changesKey()).isFalse();
    }

    @Test
    void keyOfReadsKeyColumnsInKeyOrder() {
        TableSchema reversed = new TableSchema(ORDERS, SCHEMA.columns(), List.of("id", "shop_id"));

        assertThat(RowChange.keyOf(reversed, row(1L, 2L, "a"))).containsExactly(2L, 1L);
    }

    @Test
    void getByColumnNameReadsTheCurrentImage() {
        assertThat(change(Op.UPDATE, row(1L, 2L, "a"), row(1L, 2L, "b")).get("note")).isEqualTo("b");
        assertThat(change(Op.DELETE, row(1L, 2L, "a"), null).get("note")).isEqualTo("a");
        assertThatThrownBy(() -> change(Op.DELETE, row(1L, 2L, "a"), null).get("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no column 'nope' in shop.orders; columns: [shop_id, id, note]");
    }
}
