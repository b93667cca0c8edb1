package io.sluice.jobs.runner;

import org.apache.flink.annotation.Internal;
import org.apache.flink.util.SerializedThrowable;

import java.util.ArrayList;
import java.util.List;

/** One-line descriptions of why a job failed, for the console; the full trace goes to the log. */
@Internal
final class Failures {

    private Failures() {}

    /**
     * Why a job failed, as {@code Class: message}: Sluice's own exception in the chain when there
     * is one (its message names the server and the fix), then the deepest cause.
     */
    static String rootCause(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        Throwable root = chain.get(chain.size() - 1);
        Throwable ours = chain.stream().filter(t -> className(t).startsWith("io.sluice.")).findFirst().orElse(root);
        return ours == root ? describe(root) : describe(ours) + "\n  caused by " + describe(root);
    }

    private static String className(Throwable t) {
        return t instanceof SerializedThrowable serialized ? serialized.getOriginalErrorClassName()
                : t.getClass().getName();
    }

    private static String describe(Throwable t) {
        if (t instanceof SerializedThrowable) {
            return t.getMessage(); // already "Class: message"
        }
        String type = className(t);
        String message = t.getMessage();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
