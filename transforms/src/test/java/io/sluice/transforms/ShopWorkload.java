package io.sluice.transforms;

import io.sluice.testkit.MariaDbServer;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * A random shop workload on a real MariaDB: buyers, products, orders sharded in two tables (even
 * and odd ids) and order items; inserts, updates of any column including primary and foreign
 * keys, and deletes, in transactions of one to eight statements. Foreign keys may point at rows
 * that do not exist (yet) or be NULL.
 */
final class ShopWorkload {
    static final String[] STATUSES = {"NEW", "PAID", "SHIPPED", "DRAFT"};

    private final MariaDbServer server;
    private final String db;
    private final Random random;
    private final TreeSet<Long> buyers = new TreeSet<>();
    private final TreeSet<Long> products = new TreeSet<>();
    private final TreeSet<Long> orders = new TreeSet<>();
    private final TreeSet<Long> items = new TreeSet<>();
    int statements;

    ShopWorkload(MariaDbServer server, String db, long seed) {
        this.server = server;
        this.db = db;
        this.random = new Random(seed);
    }

    void createTables() {
        server.execute(db,
                "CREATE TABLE buyers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, level INT)",
                "CREATE TABLE products (id INT PRIMARY KEY, title VARCHAR(40) NOT NULL, price DECIMAL(10,2))",
                "CREATE TABLE orders_0 (id BIGINT PRIMARY KEY, buyer_id INT, status VARCHAR(10) NOT NULL, "
                        + "amount DECIMAL(10,2), created_at DATETIME NOT NULL, note VARCHAR(40))",
                "CREATE TABLE orders_1 LIKE orders_0",
                "CREATE TABLE items (id INT PRIMARY KEY, order_id BIGINT, product_id INT, qty INT NOT NULL)");
    }

    /** Runs about {@code count} statements. */
    void run(int count) throws Exception {
        try (Connection c = server.connect(db); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            while (statements < count) {
                int size = 1 + random.nextInt(8);
                for (int i = 0; i < size; i++) {
                    String sql = next();
                    if (sql != null) {
                        st.execute(sql);
                        statements++;
                    }
                }
                c.commit();
            }
        }
    }

    private String next() {
        int table = random.nextInt(100);
        if (table < 15) {
            return change("buyers", buyers, 50, id -> "(" + id + ", '" + name("b") + "', " + nullable(random.nextInt(5)) + ")",
                    () -> random.nextBoolean() ? "name = '" + name("b") + "'" : "level = " + nullable(random.nextInt(5)));
        }
        if (table < 30) {
            return change("products", products, 50, id -> "(" + id + ", '" + name("p") + "', " + nullable(price()) + ")",
                    () -> random.nextBoolean() ? "title = '" + name("p") + "'" : "price = " + nullable(price()));
        }
        if (table < 65) {
            return changeOrder();
        }
        return change("items", items, 800,
                id -> "(" + id + ", " + ref(400) + ", " + ref(50) + ", " + random.nextInt(10) + ")",
                () -> switch (random.nextInt(3)) {
                    case 0 -> "order_id = " + ref(400);
                    case 1 -> "product_id = " + ref(50);
                    default -> "qty = " + random.nextInt(10);
                });
    }

    private String changeOrder() {
        int dice = random.nextInt(10);
        if (orders.size() < 30 || dice < 4) {
            long id = free(orders, 400);
            if (id < 0) {
                return null;
            }
            orders.add(id);
            return "INSERT INTO " + shard(id) + " VALUES (" + id + ", " + ref(50) + ", '" + status() + "', "
                    + nullable(price()) + ", '" + datetime() + "', 'n" + random.nextInt(9) + "')";
        }
        long id = pick(orders);
        if (dice < 8) {
            String set = switch (random.nextInt(6)) {
                case 0 -> "buyer_id = " + ref(50);
                case 1, 2 -> "status = '" + status() + "'";
                case 3 -> "amount = " + nullable(price());
                case 4 -> "created_at = '" + datetime() + "'";
                default -> "note = 'n" + random.nextInt(9) + "'";
            };
            if (dice == 7) { // a key change, within the shard
                long newId;
                do {
                    newId = free(orders, 400);
                } while (newId >= 0 && newId % 2 != id % 2);
                if (newId >= 0) {
                    orders.remove(id);
                    orders.add(newId);
                    set = "id = " + newId + ", " + set;
                }
            }
            return "UPDATE " + shard(id) + " SET " + set + " WHERE id = " + id;
        }
        orders.remove(id);
        return "DELETE FROM " + shard(id) + " WHERE id = " + id;
    }

    private String change(String table, TreeSet<Long> ids, int range, java.util.function.LongFunction<String> values,
            java.util.function.Supplier<String> set) {
        int dice = random.nextInt(10);
        if (ids.size() < range / 10 || dice < 4) {
            long id = free(ids, range);
            if (id < 0) {
                return null;
            }
            ids.add(id);
            return "INSERT INTO " + table + " VALUES " + values.apply(id);
        }
        long id = pick(ids);
        if (dice < 8) {
            String assignments = set.get();
            if (dice == 7) {
                long newId = free(ids, range);
                if (newId >= 0) {
                    ids.remove(id);
                    ids.add(newId);
                    assignments = "id = " + newId + ", " + assignments;
                }
            }
            return "UPDATE " + table + " SET " + assignments + " WHERE id = " + id;
        }
        ids.remove(id);
        return "DELETE FROM " + table + " WHERE id = " + id;
    }

    private static String shard(long orderId) {
        return "orders_" + (orderId % 2);
    }

    private long free(TreeSet<Long> ids, int range) {
        if (ids.size() >= range * 3 / 4) {
            return -1;
        }
        long id;
        do {
            id = 1 + random.nextInt(range);
        } while (ids.contains(id));
        return id;
    }

    private long pick(TreeSet<Long> ids) {
        List<Long> all = new ArrayList<>(ids);
        return all.get(random.nextInt(all.size()));
    }

    /** A reference to ids 1..range (not all exist), NULL now and then. */
    private String ref(int range) {
        return random.nextInt(15) == 0 ? "NULL" : String.valueOf(1 + random.nextInt(range));
    }

    private String nullable(Object value) {
        return random.nextInt(10) == 0 ? "NULL" : String.valueOf(value);
    }

    private BigDecimal price() {
        return BigDecimal.valueOf(random.nextInt(100_000), 2);
    }

    private String status() {
        return STATUSES[random.nextInt(STATUSES.length)];
    }

    private String datetime() {
        return "2024-05-0" + (1 + random.nextInt(4)) + " " + String.format("%02d:%02d:%02d", random.nextInt(24),
                random.nextInt(60), random.nextInt(60));
    }

    private String name(String prefix) {
        return prefix + random.nextInt(1000);
    }
}
