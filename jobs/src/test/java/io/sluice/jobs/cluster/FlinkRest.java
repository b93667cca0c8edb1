package io.sluice.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The few calls of Flink's REST API that a person (or the web UI) uses to run a jar on a session
 * cluster: upload, run with program arguments, watch, stop with a savepoint, cancel.
 */
final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String address;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FlinkRest(String address) {
        this.address = address;
    }

    /** GET, expecting 200 and JSON. */
    JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** GET, returning the status code and body as text (for the web UI's pages). */
    HttpResponse<String> getText(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST /jars/upload} (multipart, as the web UI sends it); returns the jar's id. */
    String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = "sluice-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName() + "\"\r\n"
                + "Content-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode reply = send(HttpRequest.newBuilder(uri("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        if (!"success".equals(reply.path("status").asText())) {
            throw new IllegalStateException("jar upload failed: " + reply);
        }
        return Path.of(reply.path("filename").asText()).getFileName().toString();
    }

    /**
     * {@code POST /jars/<id>/run} with the arguments as a list (no quoting), optionally restoring from
     * a savepoint; returns the job id. The jar's {@code main} runs in the JobManager.
     */
    String runJar(String jarId, List<String> programArgs, Optional<String> savepoint)
            throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        request.putPOJO("programArgsList", programArgs);
        savepoint.ifPresent(path -> request.put("savepointPath", path).put("allowNonRestoredState", false));
        return post("/jars/" + jarId + "/run", request).path("jobid").asText();
    }

    /** The job's entry in {@code GET /jobs/overview}; empty if the cluster does not know it. */
    Optional<JsonNode> jobOverview(String jobId) throws IOException, InterruptedException {
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            if (jobId.equals(job.path("jid").asText())) {
                return Optional.of(job);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code POST /jobs/<id>/stop}: a savepoint into {@code targetDirectory}, then the job finishes
     * (without draining). Polls the savepoint until it completes and returns its location.
     */
    String stopWithSavepoint(String jobId, Path targetDirectory, Duration timeout)
            throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode().put("targetDirectory", targetDirectory.toUri().toString())
                .put("drain", false);
        String trigger = post("/jobs/" + jobId + "/stop", request).path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new IllegalStateException("stop with savepoint failed: " + operation.get("failure-cause"));
                }
                return operation.path("location").asText();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("savepoint of job " + jobId + " not done within " + timeout
                        + "; last status " + status);
            }
            Thread.sleep(100);
        }
    }

    /** {@code PATCH /jobs/<id>?mode=cancel}. */
    void cancel(String jobId) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            // Flink answers errors with {"errors": [...]}, the JobManager's stack trace included.
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create(address + path);
    }
}
