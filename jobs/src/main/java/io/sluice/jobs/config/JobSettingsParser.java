package io.sluice.jobs.config;

import org.yaml.snakeyaml.nodes.Node;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the {@code job} block. */
final class JobSettingsParser {

    static final List<String> KEYS = List.of("name", "parallelism", "checkpoint", "restart", "state-backend");
    static final List<String> CHECKPOINT_KEYS = List.of("interval", "mode", "dir");
    static final List<String> FIXED_DELAY_KEYS = List.of("attempts", "delay");
    static final List<String> EXPONENTIAL_DELAY_KEYS = List.of("initial", "max");

    /** Job names become directory names and uid prefixes. */
    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private static final String JOB_NAME_RULE =
            "a name of letters, digits, '_', '-' and '.', starting with a letter or digit";

    private JobSettingsParser() {}

    /** A stand-in while the block is missing, so the rest of the file is still checked. */
    static JobSettings placeholder() {
        return new JobSettings("", JobSettings.DEFAULT_PARALLELISM, CheckpointSettings.DEFAULT,
                RestartStrategy.DEFAULT, StateBackendKind.HASHMAP);
    }

    static JobSettings parse(Block job) {
        String name = job.requiredString("name", JOB_NAME_RULE);
        if (!name.isEmpty() && !JOB_NAME.matcher(name).matches()) {
            job.error("name", "invalid job name '" + name + "'; expected " + JOB_NAME_RULE
                    + " (it names the checkpoint directory)");
        }
        int parallelism = job.integer("parallelism", JobSettings.DEFAULT_PARALLELISM, 1, JobSettings.MAX_PARALLELISM);
        CheckpointSettings checkpoint = job.block("checkpoint", CHECKPOINT_KEYS)
                .map(JobSettingsParser::checkpoint)
                .orElse(CheckpointSettings.DEFAULT);
        RestartStrategy restart = restart(job);
        StateBackendKind backend =
                job.choice("state-backend", StateBackendKind.values(), StateBackendKind.HASHMAP, "state backend");
        return new JobSettings(name, parallelism, checkpoint, restart, backend);
    }

    private static CheckpointSettings checkpoint(Block cp) {
        Duration interval = cp.duration("interval", CheckpointSettings.DEFAULT_INTERVAL);
        if (interval.compareTo(CheckpointSettings.MIN_INTERVAL) < 0) {
            cp.error("interval", "checkpoint interval " + Durations.format(interval)
                    + " is too short; expected at least " + Durations.format(CheckpointSettings.MIN_INTERVAL));
            interval = CheckpointSettings.MIN_INTERVAL;
        }
        CheckpointMode mode = cp.choice("mode", CheckpointMode.values(), CheckpointMode.EXACTLY_ONCE, "checkpoint mode");
        Optional<String> dir = cp.optionalString("dir", "a directory path or URI such as file:///var/sluice/checkpoints");
        return new CheckpointSettings(interval, mode, dir.filter(d -> !d.isBlank()));
    }

    private static RestartStrategy restart(Block job) {
        Optional<Node> node = job.node("restart");
        if (node.isEmpty()) {
            return RestartStrategy.DEFAULT;
        }
        RestartStrategy.Kind[] kinds = RestartStrategy.Kind.values();
        String example = "{fixed-delay: {attempts: 3, delay: 10s}}";
        return Variant.read(job, "restart", kinds, "restart strategy", example)
                .map(v -> {
                    switch (v.kind()) {
                        case NONE:
                            v.settings().allowOnly(List.of());
                            return (RestartStrategy) new RestartStrategy.None();
                        case FIXED_DELAY:
                            v.settings().allowOnly(FIXED_DELAY_KEYS);
                            return new RestartStrategy.FixedDelay(
                                    v.settings().integer("attempts", RestartStrategy.FixedDelay.DEFAULT_ATTEMPTS, 1,
                                            Integer.MAX_VALUE),
                                    v.settings().duration("delay", RestartStrategy.FixedDelay.DEFAULT_DELAY));
                        default:
                            v.settings().allowOnly(EXPONENTIAL_DELAY_KEYS);
                            return exponential(v.settings());
                    }
                })
                .orElse(RestartStrategy.DEFAULT);
    }

    private static RestartStrategy exponential(Block settings) {
        Duration initial = settings.duration("initial", RestartStrategy.ExponentialDelay.DEFAULT_INITIAL);
        Duration max = settings.duration("max", RestartStrategy.ExponentialDelay.DEFAULT_MAX);
        if (initial.compareTo(max) > 0) {
            settings.error("initial", "the initial delay " + Durations.format(initial)
                    + " is longer than the max delay " + Durations.format(max) + "; expected initial <= max");
        }
        return new RestartStrategy.ExponentialDelay(initial, max);
    }
}
