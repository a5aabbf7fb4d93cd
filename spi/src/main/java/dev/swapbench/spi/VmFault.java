package dev.swapbench.spi;

/** Fault flags and {@code VM_FAULT_*} return bits, as in include/linux/mm.h of v2.6.35/36, and ENOMEM. */
public final class VmFault {
    private VmFault() {
    }

    public static final int FAULT_FLAG_WRITE = 0x01;

    public static final int VM_FAULT_OOM = 0x0001;
    public static final int VM_FAULT_SIGBUS = 0x0002;
    public static final int VM_FAULT_MAJOR = 0x0004;
    public static final int VM_FAULT_WRITE = 0x0008;
    public static final int VM_FAULT_ERROR = VM_FAULT_OOM | VM_FAULT_SIGBUS;

    /** The errno a failing charge returns negated, {@code -ENOMEM} (include/asm-generic/errno-base.h). */
    public static final int ENOMEM = 12;
}
