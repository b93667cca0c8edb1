package io.sluice.source.server;

import org.apache.flink.annotation.Internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements whose names differ between servers: MySQL 8.2 added {@code SHOW BINARY LOG
 * STATUS} and 8.4 removed {@code SHOW MASTER STATUS}, which MariaDB and older MySQL still use.
 */
@Internal
public final class ServerStatements {

    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

    private ServerStatements() {}

    /**
     * The statement that shows the binlog's current file and position, for a server reporting
     * {@code productVersion} (JDBC's {@code getDatabaseProductVersion}, e.g. {@code 8.4.3} or
     * {@code 10.11.19-MariaDB-log}).
     */
    public static String binlogStatus(String productVersion) {
        return isMySql82OrLater(productVersion) ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS";
    }

    private static boolean isMySql82OrLater(String productVersion) {
        if (productVersion == null || productVersion.toLowerCase(Locale.ROOT).contains("mariadb")) {
            return false;
        }
        Matcher m = MAJOR_MINOR.matcher(productVersion.trim());
        if (!m.find()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 8 || major == 8 && minor >= 2;
    }
}
