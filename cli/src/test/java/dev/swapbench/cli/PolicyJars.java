package dev.swapbench.cli;

import dev.swapbench.spi.SwapFaultPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds policy jars in tests, the way a kernel developer would: javac against the SPI, a services file, a jar. */
final class PolicyJars {
    private PolicyJars() {
    }

    /** A plain do_swap_page (v2.6.36-like revalidation, no KSM), self-contained against the SPI. */
    static final String DROP_IN = """
            package dropin;

            import dev.swapbench.spi.*;

            public final class DropIn implements SwapFaultPolicy {
                public String id() { return "dropin-test"; }
                public String description() { return "a do_swap_page dropped in as a jar"; }
                public String source() { return "CliTest"; }
                public KernelBaseline baseline() { return KernelBaseline.V2_6_36; }

                public int doSwapPage(Kernel k, Fault f) {
                    SwapEntry entry = f.origPte().toSwapEntry();
                    int ret = 0;
                    Page page = k.lookupSwapCache(entry);
                    if (page == null) {
                        page = k.swapinReadahead(entry, f.vma(), f.address());
                        if (page == null) {
                            Pte pte = k.pteOffsetMapLock(f);
                            if (Pte.pteSame(pte, f.origPte())) {
                                ret = VmFault.VM_FAULT_OOM;
                            }
                            k.pteUnmapUnlock(f);
                            return ret;
                        }
                        ret = VmFault.VM_FAULT_MAJOR;
                    }
                    k.lockPage(page);
                    MemCgroup ptr = k.memCgroupTryChargeSwapin(f.mm(), page);
                    Pte pte = k.pteOffsetMapLock(f);
                    if (!Pte.pteSame(pte, f.origPte()) || !k.pageUptodate(page)) {
                        k.memCgroupCancelChargeSwapin(ptr);
                        k.pteUnmapUnlock(f);
                        k.unlockPage(page);
                        k.pageCacheRelease(page);
                        return ret;
                    }
                    k.setPteAt(f, Pte.mkPte(page));
                    k.pageAddAnonRmap(page, f.vma(), f.address());
                    k.memCgroupCommitChargeSwapin(page, ptr);
                    k.swapFree(entry);
                    k.unlockPage(page);
                    k.pteUnmapUnlock(f);
                    return ret;
                }
            }
            """;

    /** A policy that throws after its first kernel call. */
    static final String THROWER = """
            package thrower;

            import dev.swapbench.spi.*;

            public final class Thrower implements SwapFaultPolicy {
                public String id() { return "thrower"; }
                public String description() { return "throws after lookup_swap_cache"; }
                public String source() { return "CliTest"; }
                public KernelBaseline baseline() { return KernelBaseline.V2_6_36; }

                public int doSwapPage(Kernel k, Fault f) {
                    k.lookupSwapCache(f.origPte().toSwapEntry());
                    throw new IllegalStateException("boom");
                }
            }
            """;

    /** A policy that takes the page lock twice: an AA deadlock on the first swap fault. */
    static final String DEADLOCKER = """
            package deadlocker;

            import dev.swapbench.spi.*;

            public final class Deadlocker implements SwapFaultPolicy {
                public String id() { return "deadlocker"; }
                public String description() { return "takes the page lock twice"; }
                public String source() { return "CliTest"; }
                public KernelBaseline baseline() { return KernelBaseline.V2_6_36; }

                public int doSwapPage(Kernel k, Fault f) {
                    SwapEntry entry = f.origPte().toSwapEntry();
                    Page page = k.lookupSwapCache(entry);
                    if (page == null) {
                        page = k.swapinReadahead(entry, f.vma(), f.address());
                    }
                    if (page == null) {
                        return VmFault.VM_FAULT_OOM;
                    }
                    k.lockPage(page);
                    k.lockPage(page);
                    return 0;
                }
            }
            """;

    /** Compiles {@code source} (class {@code className}) and writes a jar with it and its services entry. */
    static void build(Path jar, String className, String source) throws IOException {
        build(jar, className, source, true);
    }

    /**
     * Compiles {@code source} (class {@code className}) and writes a jar with it, and with its services entry when
     * {@code withServices} (a jar without one is what a developer gets who forgot it).
     */
    static void build(Path jar, String className, String source, boolean withServices) throws IOException {
        Path work = Files.createTempDirectory(jar.getParent(), "javac");
        Path src = work.resolve("src/" + className.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK");
        }
        var diagnostics = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(), "--release", "17",
                "-classpath", spiLocation().toString(), src.toString());
        if (rc != 0) {
            throw new IllegalStateException("javac failed (" + rc + ") " + diagnostics.toString(StandardCharsets.UTF_8));
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest());
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
            if (withServices) {
                services(out, List.of(className));
            }
        }
    }

    /** A jar that holds only a services file naming classes it does not contain. */
    static void buildServicesOnly(Path jar, String missingClass) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest())) {
            services(out, List.of(missingClass));
        }
    }

    private static Manifest manifest() {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return m;
    }

    private static void services(JarOutputStream out, List<String> classNames) throws IOException {
        out.putNextEntry(new JarEntry("META-INF/services/" + SwapFaultPolicy.class.getName()));
        OutputStream o = out;
        o.write((String.join("\n", classNames) + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static Path spiLocation() {
        try {
            return Path.of(SwapFaultPolicy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
