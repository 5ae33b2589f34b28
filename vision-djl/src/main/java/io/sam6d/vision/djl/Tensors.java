package io.sam6d.vision.djl;

import java.util.Arrays;
import java.util.stream.Collectors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/** Checks of a network's outputs against a tensor contract, for translators. */
public final class Tensors {

    private Tensors() {
    }

    /** {@code (2, 480, 640) float32, (2) float32} — how outputs are named in contract errors. */
    public static String describe(NDList list) {
        return list.stream().map(a -> a.getShape() + " " + a.getDataType().name().toLowerCase())
                .collect(Collectors.joining(", "));
    }

    /**
     * @param dims expected sizes, -1 for any
     * @throws ContractViolationException naming the output, what was expected and what came
     */
    public static void requireShape(String contract, String what, NDArray a, long... dims) {
        long[] s = a.getShape().getShape();
        boolean ok = s.length == dims.length;
        for (int i = 0; ok && i < dims.length; i++) {
            ok = dims[i] < 0 || dims[i] == s[i];
        }
        if (!ok) {
            String expected = Arrays.stream(dims).mapToObj(d -> d < 0 ? "*" : Long.toString(d))
                    .collect(Collectors.joining(", ", "(", ")"));
            throw new ContractViolationException(contract + ": " + what + " must have shape " + expected + ", got "
                    + a.getShape());
        }
    }

    /** Floating-point outputs of any width are accepted and read as float32. */
    public static float[] floats(String contract, String what, NDArray a) {
        DataType t = a.getDataType();
        if (!t.isFloating()) {
            throw new ContractViolationException(contract + ": " + what + " must be a floating-point tensor, got "
                    + t.name().toLowerCase());
        }
        float[] v = (t == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false)).toFloatArray();
        for (float f : v) {
            if (!Float.isFinite(f)) {
                throw new ContractViolationException(contract + ": " + what + " contains NaN or infinity");
            }
        }
        return v;
    }

    /** Integer outputs of any width are read as int64. */
    public static long[] longs(String contract, String what, NDArray a) {
        DataType t = a.getDataType();
        if (!t.isInteger()) {
            throw new ContractViolationException(contract + ": " + what + " must be an integer tensor, got "
                    + t.name().toLowerCase());
        }
        return (t == DataType.INT64 ? a : a.toType(DataType.INT64, false)).toLongArray();
    }
}
