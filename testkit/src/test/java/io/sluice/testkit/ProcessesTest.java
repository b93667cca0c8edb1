package io.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the helpers that do not need a server. */
class ProcessesTest {

    @TempDir Path tmp;

    @Test
    void missingBinaryNamesTheSetupScriptAndPackage() {
        assertThatThrownBy(() -> Processes.findExecutable(
                        "sluice-no-such-server", List.of(tmp.resolve("nope")), MariaDbServer.MISSING_BINARY_HINT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sluice-no-such-server not found: "
                        + "run scripts/setup.sh (it installs mariadb-server with apt-get)");
        assertThat(RedisServer.MISSING_BINARY_HINT).contains("scripts/setup.sh").contains("redis-server");
        assertThat(PostgresServer.MISSING_BINARY_HINT).contains("scripts/setup.sh").contains("postgresql");
    }

    @Test
    void findsAnExecutableCandidateBeforeThePath() throws IOException {
        Path binary = Files.createFile(tmp.resolve("tool"));
        assertThat(binary.toFile().setExecutable(true)).isTrue();

        assertThat(Processes.findExecutable("sh", List.of(binary), "hint")).isEqualTo(binary);
        assertThat(Processes.findExecutable("sh", List.of(tmp.resolve("nope")), "hint").getFileName())
                .hasToString("sh");
    }

    @Test
    void tailReturnsTheLastLines() throws IOException {
        Path log = tmp.resolve("log");
        Files.writeString(log, IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i)
                .collect(Collectors.joining("\n", "", "\n")));

        assertThat(Processes.tail(log, 3)).isEqualTo("line 98\nline 99\nline 100");
        assertThat(Processes.tail(tmp.resolve("missing"), 3)).contains("does not exist");
    }

    @Test
    void runReportsFailureWithTheOutput() {
        Path log = tmp.resolve("run.log");
        assertThatThrownBy(() -> Processes.run(List.of("sh", "-c", "echo boom; exit 3"), tmp, log,
                        java.time.Duration.ofSeconds(10)))
                .hasMessageContaining("exit code 3")
                .hasMessageContaining("boom");
    }

    @Test
    void freeLoopbackPortCanBeBound() throws IOException {
        int port = Ports.freeLoopbackPort();
        assertThat(port).isBetween(1024, 65535);
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void deleteRecursivelyRemovesATree() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("a/b/c"));
        Files.writeString(root.resolve("f"), "x");
        Processes.deleteRecursively(tmp.resolve("a"));
        assertThat(tmp.resolve("a")).doesNotExist();
    }
}
