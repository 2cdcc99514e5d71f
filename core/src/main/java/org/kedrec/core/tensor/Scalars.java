package org.kedrec.core.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a number for arrays that take part in a backward pass. Use these instead of DJL's
 * {@code NDArray.mul(Number)}, {@code div(Number)} and {@code pow(Number)} on any array a gradient flows through.
 *
 * <p>Why: DJL's PyTorch engine turns the number into a 0-d tensor that aliases a Java direct buffer ({@code
 * from_blob}, no copy) and closes that tensor as soon as the operation returns. The autograd graph keeps the tensor
 * for the backward pass ({@code mul} and {@code div} save the other operand, {@code pow} the exponent), but nothing
 * keeps the buffer: a garbage collection between the forward and the backward pass frees it, glibc writes its
 * free-list pointers over the number, and the backward pass multiplies by garbage. That was the rare "The training
 * loss became NaN" of ComplEx training: it struck only when a collection fell into that window, which depends on
 * what ran before in the same JVM. A number made by {@code NDManager.full} lives in memory PyTorch owns and counts
 * references to, so the graph keeps it alive however early the Java side closes it. The values are the same
 * float32 numbers as DJL's, so results are bit-identical when no collection intervenes.
 */
public final class Scalars {
    private Scalars() {}

    /** {@code x * value}. */
    public static NDArray mul(NDArray x, float value) {
        try (NDArray s = scalar(x, value)) {
            return x.mul(s);
        }
    }

    /** {@code x / value}. */
    public static NDArray div(NDArray x, float value) {
        try (NDArray s = scalar(x, value)) {
            return x.div(s);
        }
    }

    /** {@code x ^ value}. */
    public static NDArray pow(NDArray x, float value) {
        try (NDArray s = scalar(x, value)) {
            return x.pow(s);
        }
    }

    private static NDArray scalar(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, DataType.FLOAT32);
    }
}
