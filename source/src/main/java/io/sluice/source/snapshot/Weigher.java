package io.sluice.source.snapshot;

import io.sluice.source.SluiceSourceException;

import org.apache.flink.annotation.Internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's sort weight of a text value under a collation ({@code WEIGHT_STRING}): comparing
 * weights byte by byte orders text exactly as the collation does, which no Java collator matches
 * for every MySQL and MariaDB collation. Recent answers are cached.
 */
@Internal
public class Weigher {
    private static final int CACHE_SIZE = 50_000;

    /** Supplies the connection to ask; it stays owned by the caller. */
    public interface ConnectionSupplier {
        Connection get() throws SQLException;
    }

    private final ConnectionSupplier connection;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>();
    private final Map<CacheKey, byte[]> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CacheKey, byte[]> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private record CacheKey(String collation, String value) {}

    public Weigher(ConnectionSupplier connection) {
        this.connection = connection;
    }

    /** The sort weight of {@code value} under {@code collation}. */
    public byte[] weigh(String value, String collation) {
        CacheKey k = new CacheKey(collation, value);
        byte[] weight = cache.get(k);
        if (weight == null) {
            weight = ask(value, collation);
            cache.put(k, weight);
        }
        return weight;
    }

    protected byte[] ask(String value, String collation) {
        String charset = collation.substring(0, collation.indexOf('_') < 0 ? collation.length() : collation.indexOf('_'));
        try {
            PreparedStatement st = statements.get(collation);
            if (st == null || st.isClosed()) {
                st = connection.get().prepareStatement(
                        "SELECT WEIGHT_STRING(CONVERT(? USING " + charset + ") COLLATE " + collation + ")");
                statements.put(collation, st);
            }
            st.setString(1, value);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                byte[] w = rs.getBytes(1);
                return w == null ? new byte[0] : w;
            }
        } catch (SQLException e) {
            statements.remove(collation);
            throw new SluiceSourceException(
                    "cannot ask the server for the sort weight of a key under collation " + collation + ": "
                            + e.getMessage(), e);
        }
    }
}
