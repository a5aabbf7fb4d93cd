package org.example.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** An ordinary Jupiter test beside the swapbench engine: both run, and this class alone starts no model checking. */
class SanityTest {
    @Test
    void arithmetic() {
        assertEquals(4, 2 + 2);
    }
}
