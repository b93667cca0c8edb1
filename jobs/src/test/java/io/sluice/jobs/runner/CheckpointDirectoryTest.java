package io.sluice.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

class CheckpointDirectoryTest {

    private static final String JOB_A = "0123456789abcdef0123456789abcdef";
    private static final String JOB_B = "fedcba9876543210fedcba9876543210";

    @TempDir
    Path root;

    private Path metadata(String dir, long secondsAgo) throws IOException {
        Path folder = root.resolve(dir);
        Files.createDirectories(folder);
        Path metadata = Files.writeString(folder.resolve("_metadata"), "m");
        Files.setLastModifiedTime(metadata, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
        return folder;
    }

    private CheckpointDirectory open() throws IOException {
        return CheckpointDirectory.open(root).orElseThrow();
    }

    @Test
    void anEmptyFolderHasNothingToResumeFrom() throws IOException {
        try (CheckpointDirectory dir = open()) {
            assertThat(dir.latest()).isEmpty();
        }
    }

    @Test
    void resumesFromTheNewestCompleteCheckpointOrSavepoint() throws IOException {
        metadata(JOB_A + "/chk-3", 300);
        Path savepoint = metadata("savepoint-012345-0123456789ab", 200);
        Path newest = metadata(JOB_B + "/chk-7", 100);
        Files.createDirectories(root.resolve(JOB_B + "/chk-8")); // in progress: no _metadata yet
        try (CheckpointDirectory dir = open()) {
            assertThat(dir.latest()).contains(newest);
        }
        Files.setLastModifiedTime(savepoint.resolve("_metadata"), FileTime.from(Instant.now()));
        try (CheckpointDirectory dir = open()) {
            assertThat(dir.latest()).contains(savepoint);
        }
    }

    @Test
    void deletesOnlyFlinkFoldersOtherThanTheResumePoint() throws IOException {
        metadata(JOB_A + "/chk-3", 300);
        Path keep = metadata(JOB_B + "/chk-7", 100);
        Files.createDirectories(root.resolve(JOB_B + "/shared"));
        metadata("savepoint-012345-0123456789ab", 200);
        Files.createDirectories(root.resolve("notes"));
        try (CheckpointDirectory dir = open()) {
            dir.deleteAllBut(keep);
            assertThat(root.resolve(JOB_A)).doesNotExist();
            assertThat(root.resolve("savepoint-012345-0123456789ab")).doesNotExist();
            assertThat(keep).isDirectory();
            assertThat(root.resolve(JOB_B + "/shared")).isDirectory();
            assertThat(root.resolve("notes")).isDirectory();

            dir.deleteAll();
            assertThat(root.resolve(JOB_B)).doesNotExist();
            assertThat(root.resolve("notes")).isDirectory();
            assertThat(dir.latest()).isEmpty();
        }
    }

    @Test
    void oneRunAtATime() throws IOException {
        try (CheckpointDirectory first = open()) {
            assertThat(CheckpointDirectory.open(root)).isEmpty();
        }
        Optional<CheckpointDirectory> again = CheckpointDirectory.open(root);
        assertThat(again).isPresent();
        again.get().close();
    }
}
