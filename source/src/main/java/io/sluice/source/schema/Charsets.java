package io.sluice.source.schema;

import com.mysql.cj.CharsetMapping;
import org.apache.flink.annotation.Internal;

import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps the server's collation ids and charset names to Java charsets. Ids MySQL Connector/J knows
 * are mapped by it; others (MariaDB's own collations) through the server's collation table, to
 * the default collation of the same charset.
 */
@Internal
public final class Charsets {
    /** The collation id of the {@code binary} charset: such columns hold bytes, not text. */
    public static final int BINARY_COLLATION = 63;

    private final Map<Integer, Charset> byCollation = new HashMap<>();
    private final JdbcSupplier jdbc;

    /** Opens a connection only when a collation id is not known locally. */
    public interface JdbcSupplier {
        Connection get() throws SQLException;
    }

    public Charsets(JdbcSupplier jdbc) {
        this.jdbc = jdbc;
    }

    /** The Java charset of a collation id; null for {@code binary}. */
    public Charset forCollation(int collationId) {
        if (collationId == BINARY_COLLATION) {
            return null;
        }
        return byCollation.computeIfAbsent(collationId, this::lookUp);
    }

    private Charset lookUp(int collationId) {
        String java = CharsetMapping.getStaticJavaEncodingForCollationIndex(collationId);
        if (java == null) {
            java = CharsetMapping.getStaticJavaEncodingForCollationIndex(defaultCollationOfSameCharset(collationId));
        }
        if (java == null) {
            throw new IllegalStateException(
                    "collation id " + collationId + " has no Java charset; supported are the charsets"
                            + " MySQL Connector/J maps (utf8mb4, utf8mb3, latin1, gbk, ...)");
        }
        return Charset.forName(java);
    }

    private int defaultCollationOfSameCharset(int collationId) {
        String sql = "SELECT d.ID FROM information_schema.COLLATIONS c JOIN information_schema.COLLATIONS d"
                + " ON d.CHARACTER_SET_NAME = c.CHARACTER_SET_NAME AND d.IS_DEFAULT = 'Yes' WHERE c.ID = ?";
        try (Connection c = jdbc.get(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setInt(1, collationId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up collation id " + collationId + ": " + e.getMessage(), e);
        }
    }

    /** The Java charset of a MySQL charset name (as information_schema gives it); null for binary. */
    public static Charset forCharsetName(String mysqlCharset) {
        if (mysqlCharset == null || mysqlCharset.equalsIgnoreCase("binary")) {
            return null;
        }
        return switch (mysqlCharset.toLowerCase()) {
            case "utf8mb4", "utf8mb3", "utf8" -> Charset.forName("UTF-8");
            case "latin1" -> Charset.forName("windows-1252");
            default -> {
                for (int id = 1; id < 2048; id++) {
                    if (mysqlCharset.equalsIgnoreCase(CharsetMapping.getStaticMysqlCharsetNameForCollationIndex(id))) {
                        yield Charset.forName(CharsetMapping.getStaticJavaEncodingForCollationIndex(id));
                    }
                }
                throw new IllegalStateException("charset '" + mysqlCharset + "' has no Java charset");
            }
        };
    }
}
