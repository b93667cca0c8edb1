package io.sluice.transforms.aggregate;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;
import java.util.Optional;

/**
 * One measure, mirroring {@code io.sluice.jobs.config.Measure}: a function and its argument
 * expression, empty only for {@code count()}.
 */
@PublicEvolving
public record MeasureSpec(AggFunction function, Optional<String> argument) {

    public MeasureSpec {
        Objects.requireNonNull(function, "function");
        argument = argument == null ? Optional.empty() : argument;
        if (argument.isEmpty() && function != AggFunction.COUNT) {
            throw new IllegalArgumentException(function.name().toLowerCase() + "() needs an argument, e.g. "
                    + function.name().toLowerCase() + "(amount)");
        }
    }

    public static MeasureSpec count() {
        return new MeasureSpec(AggFunction.COUNT, Optional.empty());
    }

    public static MeasureSpec of(AggFunction function, String argument) {
        return new MeasureSpec(function, Optional.of(argument));
    }

    @Override
    public String toString() {
        return function.name().toLowerCase() + "(" + argument.orElse("") + ")";
    }
}
