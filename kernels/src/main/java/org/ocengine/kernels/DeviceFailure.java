package org.ocengine.kernels;

/**
 * A device operation failed: an allocation (out of memory), a copy, or a kernel launch or run. The
 * message is one line naming the operation and the driver's error. With {@code --device auto} the
 * CUDA backend then runs the call on the CPU; with {@code --device cuda} it propagates.
 */
public class DeviceFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean outOfMemory;

    public DeviceFailure(String message, boolean outOfMemory, Throwable cause) {
        super(message, cause);
        this.outOfMemory = outOfMemory;
    }

    public DeviceFailure(String message, boolean outOfMemory) {
        this(message, outOfMemory, null);
    }

    /** True when the device had too little memory (as opposed to a failed kernel or copy). */
    public boolean outOfMemory() {
        return outOfMemory;
    }
}
