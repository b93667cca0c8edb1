package io.sluice.bench;

import io.sluice.testkit.MariaDbServer;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Scenario 1, binlog throughput: writes the row changes on a private MariaDB, then has every
 * system read the same binlog range once per run, each in a fresh JVM. Runs alternate the order of
 * the systems so that neither always goes first.
 */
final class BinlogScenario {
    /**
     * @param rows row changes to write (half inserts, half updated rows)
     * @param runs times each system reads the range
     * @param systems the systems to compare, the first being the reference of the ratios
     */
    record Settings(long rows, int runs, List<BenchSystem> systems, WorkerLauncher launcher) {
        Settings {
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be at least 1, got " + runs);
            }
            if (systems.isEmpty()) {
                throw new IllegalArgumentException("no system to measure");
            }
            systems = List.copyOf(systems);
        }
    }

    /** What a scenario measured, run by run; each run holds one measurement per system. */
    record Outcome(String serverVersion, BinlogRange range, List<List<Measurement>> runs) {}

    private BinlogScenario() {}

    static Outcome run(Settings settings, PrintStream progress) throws SQLException {
        settings.launcher().checkBuilt(settings.systems());
        try (MariaDbServer server = MariaDbServer.builder().start()) {
            String version = serverVersion(server);
            progress.printf("MariaDB %s on port %d; writing %,d row changes%n", version, server.port(), settings.rows());
            long writeStart = System.nanoTime();
            BinlogRange range = BinlogData.write(server, settings.rows());
            progress.printf("wrote %s in %.1f s%n", range, (System.nanoTime() - writeStart) / 1e9);
            List<List<Measurement>> runs = new ArrayList<>();
            for (int run = 1; run <= settings.runs(); run++) {
                List<BenchSystem> order = new ArrayList<>(settings.systems());
                if (run % 2 == 0) {
                    Collections.reverse(order);
                }
                List<Measurement> measured = new ArrayList<>();
                for (BenchSystem system : order) {
                    Measurement m = settings.launcher().run(system, range, run);
                    progress.printf("run %d %-12s %,10d rows in %6.2f s = %,10.0f rows/s%n", run, system.label(),
                            m.rows(), m.nanos() / 1e9, m.rowsPerSecond());
                    measured.add(m);
                }
                measured.sort(Comparator.comparingInt(m -> settings.systems().indexOf(m.system())));
                runs.add(List.copyOf(measured));
            }
            return new Outcome(version, range, runs);
        }
    }

    private static String serverVersion(MariaDbServer server) throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
