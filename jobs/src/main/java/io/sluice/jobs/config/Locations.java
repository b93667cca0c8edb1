package io.sluice.jobs.config;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where the keys and list items of a parsed job file are ({@code sinks[1].from} to line and
 * column), and from which path each model element was read, so that {@link JobValidator} can
 * point at the right line after parsing.
 */
final class Locations {

    private final String file;
    private final Map<String, Position> byPath = new HashMap<>();
    private final Map<Object, String> pathByElement = new IdentityHashMap<>();

    Locations(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void put(String path, Position position) {
        byPath.putIfAbsent(path, position);
    }

    /** The position of a path, or of its nearest recorded parent ({@code sinks[1]} for {@code sinks[1].from}). */
    Position find(String path) {
        String p = path;
        while (true) {
            Position found = byPath.get(p);
            if (found != null) {
                return found;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return Position.UNKNOWN;
            }
            p = p.substring(0, cut);
        }
    }

    void element(Object element, String path) {
        pathByElement.put(element, path);
    }

    /** The path an element was read from; {@code fallback} for elements built in code. */
    String pathOf(Object element, String fallback) {
        return pathByElement.getOrDefault(element, fallback);
    }
}
