package io.sluice.bench.job;

import io.sluice.testkit.MariaDbServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the data of the join and aggregate scenario, in the schema of {@code
 * jobs/examples/shop.yaml}: buyers in {@code shop.users}, orders and their items sharded over
 * {@code shop_0|1.orders_0|1} and {@code shop_0|1.order_items_0|1} (shard {@code id % 4}). Of the
 * row changes, 5% are buyers, 30% orders, 55% items (spread over the orders), the rest updates of
 * orders (status and amount); every transaction holds at most 1000 rows.
 */
final class ShopData {
    static final int SHARDS = 4;
    static final int SELLERS = 50;
    private static final int ROWS_PER_TRANSACTION = 1000;

    /**
     * What was written.
     *
     * @param changes row changes between the two positions
     */
    record Written(String startFile, long startPosition, long changes, long users, long orders, long items,
            long updates) {}

    private ShopData() {}

    static Written write(MariaDbServer server, long changes) throws SQLException {
        if (changes < 100) {
            throw new IllegalArgumentException("the join scenario needs at least 100 row changes, got " + changes);
        }
        long users = changes * 5 / 100;
        long orders = changes * 30 / 100;
        long items = changes * 55 / 100;
        long updates = changes - users - orders - items;
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            createTables(s);
            s.execute("USE shop"); // the seq_ tables of MariaDB's sequence engine need a current database
            String[] start = position(s);
            insert(s, "shop.users", users, "seq, CONCAT('buyer ', seq), CONCAT('b', seq, '@example.com'),"
                    + " ELT(1 + seq % 4, 'Paris', 'Lyon', 'Nantes', 'Lille')");
            for (int shard = 0; shard < SHARDS; shard++) {
                insert(s, "shop_" + shard % 2 + ".orders_" + shard / 2, shard, orders,
                        "seq, 1 + seq % " + users + ", 1 + seq % " + SELLERS + ", 'NEW', (seq % 1000) + 0.99,"
                                + " 'note', TIMESTAMP'2024-01-01 00:00:00' + INTERVAL (seq % 30) DAY"
                                + " + INTERVAL (seq % 86400) SECOND");
            }
            for (int shard = 0; shard < SHARDS; shard++) {
                insert(s, "shop_" + shard % 2 + ".order_items_" + shard / 2, shard, items,
                        "seq, 1 + seq % " + orders + ", CONCAT('sku-', seq % 997), 1 + seq % 5, (seq % 100) + 0.5");
            }
            // updates: orders 1..updates, shard by shard, at most 1000 rows a transaction
            for (int shard = 0; shard < SHARDS; shard++) {
                String table = "shop_" + shard % 2 + ".orders_" + shard / 2;
                for (long from = 1; from <= updates; from += ROWS_PER_TRANSACTION * SHARDS) {
                    long to = Math.min(updates, from + ROWS_PER_TRANSACTION * SHARDS - 1);
                    s.execute("UPDATE " + table + " SET status = 'PAID', amount = amount + 1 WHERE id BETWEEN "
                            + from + " AND " + to);
                }
            }
            return new Written(start[0], Long.parseLong(start[1]), changes, users, orders, items, updates);
        }
    }

    private static void createTables(Statement s) throws SQLException {
        s.execute("CREATE DATABASE IF NOT EXISTS shop");
        s.execute("CREATE TABLE shop.users (id INT PRIMARY KEY, name VARCHAR(60), email VARCHAR(100),"
                + " city VARCHAR(40))");
        for (int shard = 0; shard < SHARDS; shard++) {
            String db = "shop_" + shard % 2;
            s.execute("CREATE DATABASE IF NOT EXISTS " + db);
            s.execute("CREATE TABLE " + db + ".orders_" + shard / 2 + " (id BIGINT PRIMARY KEY, user_id INT,"
                    + " seller_id INT, status VARCHAR(16), amount DECIMAL(12,2), internal_note VARCHAR(200),"
                    + " created_at DATETIME(3))");
            s.execute("CREATE TABLE " + db + ".order_items_" + shard / 2 + " (id BIGINT PRIMARY KEY,"
                    + " order_id BIGINT, sku VARCHAR(20), quantity INT, price DECIMAL(10,2))");
        }
    }

    /** Rows 1..count of an unsharded table, 1000 a transaction. */
    private static void insert(Statement s, String table, long count, String select) throws SQLException {
        for (long first = 1; first <= count; first += ROWS_PER_TRANSACTION) {
            long last = Math.min(count, first + ROWS_PER_TRANSACTION - 1);
            s.execute("INSERT INTO " + table + " SELECT " + select + " FROM seq_" + first + "_to_" + last);
        }
    }

    /** The rows of ids 1..count that fall in {@code shard} ({@code id % 4}), 1000 a transaction. */
    private static void insert(Statement s, String table, int shard, long count, String select) throws SQLException {
        long first = shard == 0 ? SHARDS : shard;
        for (; first <= count; first += (long) ROWS_PER_TRANSACTION * SHARDS) {
            long last = Math.min(count, first + (long) (ROWS_PER_TRANSACTION - 1) * SHARDS);
            if (last < first) {
                break;
            }
            s.execute("INSERT INTO " + table + " SELECT " + select + " FROM seq_" + first + "_to_" + last
                    + "_step_" + SHARDS);
        }
    }

    private static String[] position(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            if (!rs.next()) {
                throw new IllegalStateException("SHOW MASTER STATUS returned nothing: is the binlog on?");
            }
            return new String[] {rs.getString("File"), String.valueOf(rs.getLong("Position"))};
        }
    }

    /**
     * The aggregate of the shop job as the source holds it: per (seller, day), the order count and
     * the sum of amounts as a plain string, e.g. {@code "12|2024-01-03" -> "7|123.45"}.
     */
    static Map<String, String> sellerDaily(MariaDbServer server) throws SQLException {
        StringBuilder union = new StringBuilder();
        for (int shard = 0; shard < SHARDS; shard++) {
            union.append(shard == 0 ? "" : " UNION ALL ").append("SELECT seller_id, created_at, amount, status FROM shop_")
                    .append(shard % 2).append(".orders_").append(shard / 2);
        }
        Map<String, String> groups = new HashMap<>();
        try (Connection c = server.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT seller_id, DATE(created_at), COUNT(*), SUM(amount) FROM ("
                        + union + ") o WHERE status <> 'DRAFT' GROUP BY 1, 2")) {
            while (rs.next()) {
                groups.put(rs.getInt(1) + "|" + rs.getString(2), rs.getLong(3) + "|"
                        + PrintedAggregate.plain(rs.getBigDecimal(4).toPlainString()));
            }
        }
        return groups;
    }
}
