package dev.swapbench.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one test class through which Surefire (or an IDE) runs the swapbench engine.
 *
 * <p>Surefire hands a JUnit Platform engine nothing but {@code ClassSelector}s, and only for test classes whose
 * names match its includes ({@code *Test}, {@code Test*}, {@code *Tests}, {@code *TestCase}). A project that runs
 * swapbench through Surefire therefore holds one such class, empty apart from this annotation:
 *
 * <pre>
 * &#64;SwapbenchSuite
 * class SwapbenchTest {
 * }
 * </pre>
 *
 * A {@code ClassSelector} for an annotated class selects every (policy, scenario) pair; selectors for other classes
 * (plain Jupiter test classes) select nothing, so running one unit test from an IDE does not start the model checker.
 * The class needs no methods; its name is free as long as Surefire's includes match it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SwapbenchSuite {
}
