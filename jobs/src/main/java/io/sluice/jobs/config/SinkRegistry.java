package io.sluice.jobs.config;

import io.sluice.core.connector.SinkFactory;
import io.sluice.core.failure.ErrorPolicy;

import org.apache.flink.annotation.Internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.WeakHashMap;

/**
 * The sink types this process can run: every {@link SinkFactory} listed in a
 * {@code META-INF/services/io.sluice.core.connector.SinkFactory} file that the thread's context
 * class loader sees, in the order the files list them. The job reader knows no sink by name: it
 * looks the {@code type} up here.
 */
@Internal
public final class SinkRegistry {

    private static final Map<ClassLoader, SinkRegistry> LOADED = Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<String, SinkFactory> factories;

    private SinkRegistry(Map<String, SinkFactory> factories) {
        this.factories = factories;
    }

    /** The factories the context class loader sees (loaded once per class loader). */
    public static SinkRegistry load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = SinkRegistry.class.getClassLoader();
        }
        return LOADED.computeIfAbsent(loader, SinkRegistry::load);
    }

    private static SinkRegistry load(ClassLoader loader) {
        Map<String, SinkFactory> byType = new LinkedHashMap<>();
        for (SinkFactory factory : ServiceLoader.load(SinkFactory.class, loader)) {
            SinkFactory other = byType.putIfAbsent(factory.type(), factory);
            if (other != null && other.getClass() != factory.getClass()) {
                throw new IllegalStateException("two sink factories claim the type '" + factory.type() + "': "
                        + other.getClass().getName() + " and " + factory.getClass().getName()
                        + "; remove one of them from the class path");
            }
        }
        return new SinkRegistry(Collections.unmodifiableMap(byType));
    }

    public Optional<SinkFactory> find(String type) {
        return Optional.ofNullable(factories.get(type));
    }

    /** The type names, in registration order. */
    public List<String> types() {
        return List.copyOf(factories.keySet());
    }

    public List<SinkFactory> factories() {
        return List.copyOf(factories.values());
    }

    /** The types that can send rejected records to the given kind of dead-letter target. */
    List<String> typesWithDeadLetter(ErrorPolicy.DeadLetter.Target target) {
        List<String> types = new ArrayList<>();
        factories.values().forEach(f -> {
            if (f.deadLetterTargets().contains(target)) {
                types.add(f.type());
            }
        });
        return types;
    }
}
