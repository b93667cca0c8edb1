package io.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Starts real Redis servers and talks RESP to them over a plain socket. */
class RedisServerITCase {

    @Test
    void sharedServerAnswersPingSetGet() throws IOException {
        RedisServer redis = RedisServer.shared();
        try (Resp client = new Resp(redis)) {
            assertThat(client.call("PING")).isEqualTo("PONG");
            assertThat(client.call("SET", "testkit:greeting", "héllo wörld")).isEqualTo("OK");
            assertThat(client.call("GET", "testkit:greeting")).isEqualTo("héllo wörld");
            assertThat(client.call("GET", "testkit:missing")).isNull();
            assertThat(client.call("CONFIG", "GET", "save")).isEqualTo(List.of("save", ""));
            assertThat(client.call("CONFIG", "GET", "appendonly")).isEqualTo(List.of("appendonly", "no"));
            assertThat(client.call("CONFIG", "GET", "bind")).isEqualTo(List.of("bind", "127.0.0.1"));
        }
        assertThat(RedisServer.shared()).isSameAs(redis);
        assertThatThrownBy(redis::kill).hasMessageContaining("shared redis");
    }

    @Test
    void passwordIsRequiredAndRestartKeepsPortButNotData() throws IOException {
        Path dir;
        try (RedisServer redis = RedisServer.builder().password("pa ss").start()) {
            dir = redis.dir();
            int port = redis.port();
            assertThat(redis.password()).contains("pa ss");
            try (Resp client = new Resp(redis)) {
                assertThat((String) client.call("GET", "k")).startsWith("-NOAUTH");
                assertThat(client.call("AUTH", "pa ss")).isEqualTo("OK");
                assertThat(client.call("SET", "k", "v")).isEqualTo("OK");
            }

            redis.kill();
            assertThat(redis.isRunning()).isFalse();
            assertThatThrownBy(() -> new Resp(redis)).isInstanceOf(ConnectException.class);

            redis.start();
            assertThat(redis.port()).isEqualTo(port);
            try (Resp client = new Resp(redis)) {
                assertThat(client.call("AUTH", "pa ss")).isEqualTo("OK");
                assertThat(client.call("GET", "k")).as("persistence is off").isNull();
                assertThat(client.call("SET", "k", "v2")).isEqualTo("OK");
            }

            redis.stop();
            assertThat(redis.isRunning()).isFalse();
            redis.start();
            try (Resp client = new Resp(redis)) {
                assertThat(client.call("AUTH", "pa ss")).isEqualTo("OK");
                assertThat(client.call("DBSIZE")).isEqualTo(0L);
            }
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void tlsServerAnswersOnlyOverTlsWithTheGeneratedCertificate() throws Exception {
        Path dir;
        try (RedisServer redis = RedisServer.builder().tls().start()) {
            dir = redis.dir();
            TlsFiles tls = redis.tls().orElseThrow();
            assertThat(tls.truststore()).isRegularFile();
            try (Resp client = new Resp(redis, tls.clientContext().getSocketFactory()
                    .createSocket(redis.host(), redis.port()))) {
                assertThat(client.call("PING")).isEqualTo("PONG");
                assertThat(client.call("CONFIG", "GET", "port")).isEqualTo(List.of("port", "0"));
            }
            try (Resp plain = new Resp(redis)) {
                assertThatThrownBy(() -> plain.call("PING")).as("a plain client gets no answer")
                        .isInstanceOf(IOException.class);
            }
            redis.stop();
            redis.start();
            try (Resp client = new Resp(redis, tls.clientContext().getSocketFactory()
                    .createSocket(redis.host(), redis.port()))) {
                assertThat(client.call("PING")).as("same certificates after a restart").isEqualTo("PONG");
            }
        }
        assertThat(RedisServer.shared().tls()).isEmpty();
        assertThat(dir).doesNotExist();
    }

    /** Just enough of a RESP client for these tests; errors come back as strings starting with '-'. */
    private static final class Resp implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        Resp(RedisServer redis) throws IOException {
            this(redis, new Socket(redis.host(), redis.port()));
        }

        Resp(RedisServer redis, Socket connected) throws IOException {
            socket = connected;
            socket.setSoTimeout(5000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        Object call(String... args) throws IOException {
            StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                sb.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                        .append(arg).append("\r\n");
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read();
        }

        private Object read() throws IOException {
            char type = (char) in.readUnsignedByte();
            String line = line();
            switch (type) {
                case '+':
                    return line;
                case '-':
                    return "-" + line;
                case ':':
                    return Long.parseLong(line);
                case '$': {
                    int length = Integer.parseInt(line);
                    if (length < 0) {
                        return null;
                    }
                    byte[] bytes = new byte[length];
                    in.readFully(bytes);
                    line(); // CRLF
                    return new String(bytes, StandardCharsets.UTF_8);
                }
                case '*': {
                    int count = Integer.parseInt(line);
                    List<Object> items = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        items.add(read());
                    }
                    return items;
                }
                default:
                    throw new IOException("unexpected RESP type " + type + line);
            }
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.readUnsignedByte()) != '\r') {
                sb.append((char) c);
            }
            in.readUnsignedByte(); // '\n'
            return sb.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
