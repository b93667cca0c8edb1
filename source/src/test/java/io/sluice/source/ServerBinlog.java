package io.sluice.source;

import io.sluice.testkit.MariaDbServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What the start and stop tests ask of, and do to, a server's binlog files. */
final class ServerBinlog {
    private ServerBinlog() {}

    /** The binlog files the server has, oldest first. */
    static List<String> files(MariaDbServer server) throws SQLException {
        List<String> files = new ArrayList<>();
        try (Connection c = server.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                files.add(rs.getString(1));
            }
        }
        return files;
    }

    /**
     * Closes the current binlog file {@code times} times, so what follows lands in a file of its
     * own. Each time it waits for the BINLOG_CHECKPOINT event MariaDB writes into the new file
     * about a second later: a bounded read whose stop position were resolved before it would not
     * end (see the disabled test in StartModesITCase).
     */
    static void flush(MariaDbServer server, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            server.execute(null, "FLUSH BINARY LOGS");
            List<String> files = files(server);
            String newest = files.get(files.size() - 1);
            long deadline = System.currentTimeMillis() + 30_000;
            while (!hasCheckpointOfItself(server, newest)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("no BINLOG_CHECKPOINT event for " + newest + " within 30 s");
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean hasCheckpointOfItself(MariaDbServer server, String file) throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW BINLOG EVENTS IN '" + file + "'")) {
            while (rs.next()) {
                if ("Binlog_checkpoint".equals(rs.getString("Event_type")) && file.equals(rs.getString("Info"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Purges every file before {@code file}. MariaDB purges a file only after its binlog
     * checkpoint (InnoDB made its transactions durable), which may lag: retry for a while.
     */
    static void purgeTo(MariaDbServer server, String file) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!files(server).get(0).equals(file)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("could not purge the binlog to " + file + "; it has " + files(server));
            }
            server.execute(null, "PURGE BINARY LOGS TO '" + file + "'");
            Thread.sleep(200);
        }
    }

    /** MariaDB's GTID position after the last transaction written to the binlog. */
    static String gtidPosition(MariaDbServer server) throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT @@GLOBAL.gtid_binlog_pos")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
