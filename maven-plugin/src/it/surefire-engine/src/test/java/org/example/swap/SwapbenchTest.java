package org.example.swap;

import dev.swapbench.junit.SwapbenchSuite;

/**
 * Surefire hands the JUnit Platform only classes matching its includes; this one, through its annotation, makes the
 * swapbench engine run every (policy, scenario) pair.
 */
@SwapbenchSuite
class SwapbenchTest {
}
