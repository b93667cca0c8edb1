package io.sluice.jobs.runner;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.VisibleForTesting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder where local runs of one job keep their checkpoints and savepoints, as Canal keeps its
 * position: Flink writes {@code <job id>/chk-N/_metadata} (retained when a run is cancelled or
 * dies) and {@code savepoint-*}{@code /_metadata} (when a run is stopped with Ctrl-C). The newest
 * complete one is where the next run resumes.
 *
 * <p>Opening the folder locks it, so two runs of one job cannot use it at once. Only folders of
 * those two shapes are ever deleted.
 */
@Internal
final class CheckpointDirectory implements AutoCloseable {

    private static final Pattern JOB_DIR = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern CHECKPOINT_DIR = Pattern.compile("chk-(\\d+)");
    private static final Pattern SAVEPOINT_DIR = Pattern.compile("savepoint-[0-9a-f]{6}-[0-9a-f]{12}");
    private static final String METADATA = "_metadata";
    private static final String LOCK = ".lock";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private CheckpointDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the folder if needed and locks it.
     *
     * @return empty when another process holds the lock
     */
    static Optional<CheckpointDirectory> open(Path root) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        FileChannel channel = FileChannel.open(absolute.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this JVM
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new CheckpointDirectory(absolute, channel, lock));
    }

    Path root() {
        return root;
    }

    /** The newest complete checkpoint or savepoint: the folder holding its {@code _metadata}. */
    Optional<Path> latest() {
        return resumePoints().stream().max(Comparator.comparing(ResumePoint::written)
                .thenComparingLong(ResumePoint::checkpointId)).map(ResumePoint::dir);
    }

    /** Deletes every checkpoint and savepoint except those in {@code keep}'s own folder. */
    void deleteAllBut(Path keep) {
        Path keepTop = topLevel(keep);
        for (Path dir : flinkFolders()) {
            if (!dir.equals(keepTop)) {
                delete(dir);
            }
        }
    }

    /** Deletes every checkpoint and savepoint: the next run starts at the job's startup position. */
    void deleteAll() {
        flinkFolders().forEach(CheckpointDirectory::delete);
    }

    @VisibleForTesting
    List<ResumePoint> resumePoints() {
        List<ResumePoint> points = new ArrayList<>();
        for (Path top : flinkFolders()) {
            if (SAVEPOINT_DIR.matcher(top.getFileName().toString()).matches()) {
                written(top).ifPresent(time -> points.add(new ResumePoint(top, time, -1)));
                continue;
            }
            for (Path child : list(top)) {
                Matcher chk = CHECKPOINT_DIR.matcher(child.getFileName().toString());
                if (chk.matches()) {
                    long id = Long.parseLong(chk.group(1));
                    written(child).ifPresent(time -> points.add(new ResumePoint(child, time, id)));
                }
            }
        }
        return points;
    }

    /** A checkpoint or savepoint folder, when its metadata was written, and its checkpoint id (-1 for a savepoint). */
    record ResumePoint(Path dir, FileTime written, long checkpointId) {}

    private static Optional<FileTime> written(Path dir) {
        Path metadata = dir.resolve(METADATA);
        try {
            return Files.isRegularFile(metadata) ? Optional.of(Files.getLastModifiedTime(metadata)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // deleted meanwhile
        }
    }

    /** The folders Flink made directly under the root: job ids and savepoints. */
    private List<Path> flinkFolders() {
        List<Path> folders = new ArrayList<>();
        for (Path child : list(root)) {
            String name = child.getFileName().toString();
            if (Files.isDirectory(child) && (JOB_DIR.matcher(name).matches() || SAVEPOINT_DIR.matcher(name).matches())) {
                folders.add(child);
            }
        }
        return folders;
    }

    private Path topLevel(Path dir) {
        Path relative = root.relativize(dir.toAbsolutePath().normalize());
        return root.resolve(relative.getName(0));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    @Override
    public void close() throws IOException {
        try (FileChannel c = lockChannel) {
            lock.release();
        }
    }
}
