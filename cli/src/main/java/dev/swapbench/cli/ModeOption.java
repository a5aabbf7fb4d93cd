package dev.swapbench.cli;

import dev.swapbench.engine.explore.Explorer;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --mode interleaved|serial}, spelled as {@link Explorer.Mode#id()}. */
final class ModeOption implements ITypeConverter<Explorer.Mode> {
    @Override
    public Explorer.Mode convert(String value) {
        for (Explorer.Mode m : Explorer.Mode.values()) {
            if (m.id().equals(value)) {
                return m;
            }
        }
        throw new TypeConversionException("unknown mode '" + value + "'; expected one of "
                + Arrays.stream(Explorer.Mode.values()).map(Explorer.Mode::id).collect(Collectors.joining(", ")));
    }
}
