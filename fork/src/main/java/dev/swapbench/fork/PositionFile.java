package dev.swapbench.fork;

import dev.swapbench.engine.thread.LastCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a worker's thread code last was, kept in a small memory-mapped file that the worker writes at every episode
 * and kernel call and its parent reads after the worker died or was killed. Stores to a shared mapping reach the
 * file even when the JVM halts or is killed a microsecond later, which a progress line on a pipe, sent now and
 * then, cannot promise. Four fields of fixed size, each a length byte and UTF-8 bytes: policy, thread, action,
 * function (length 0: none).
 */
final class PositionFile implements LastCall.Sink {
    static final int FIELD = 128;
    static final int SIZE = 4 * FIELD;
    private static final int POLICY = 0;
    private static final int THREAD = FIELD;
    private static final int ACTION = 2 * FIELD;
    private static final int FUNCTION = 3 * FIELD;

    private final MappedByteBuffer map;

    private PositionFile(MappedByteBuffer map) {
        this.map = map;
    }

    /** Maps {@code file} (created and sized when missing) for writing. */
    static PositionFile open(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            return new PositionFile(ch.map(FileChannel.MapMode.READ_WRITE, 0, SIZE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets the position (a new pair starts). */
    synchronized void clear() {
        for (int f = 0; f < SIZE; f += FIELD) {
            map.put(f, (byte) 0);
        }
    }

    @Override
    public synchronized void episode(String policy, String thread, String action) {
        map.put(FUNCTION, (byte) 0);
        put(POLICY, policy);
        put(THREAD, thread);
        put(ACTION, action);
    }

    @Override
    public synchronized void called(String function) {
        put(FUNCTION, function);
    }

    private void put(int at, String s) {
        byte[] b = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, FIELD - 1);
        map.put(at + 1, b, 0, n);
        map.put(at, (byte) n);
    }

    /** The position recorded in {@code file}, or null when none (or no file). */
    static LastCall.Position read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length < SIZE) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        String thread = get(b, THREAD);
        if (thread == null) {
            return null;
        }
        return new LastCall.Position(get(b, POLICY), thread, get(b, ACTION), get(b, FUNCTION));
    }

    private static String get(ByteBuffer b, int at) {
        int n = b.get(at) & 0xff;
        return n == 0 ? null : new String(b.array(), at + 1, Math.min(n, FIELD - 1), StandardCharsets.UTF_8);
    }
}
