package io.sam6d.vision.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class NpyTest {

    @Test
    void headerFollowsTheNumpyFormatAndRoundTrips() {
        float[] data = new float[2 * 3 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 0.5f;
        }
        byte[] npy = Npy.encodeFloat32(data, 2, 3, 3);
        assertEquals((byte) 0x93, npy[0]);
        assertEquals("NUMPY", new String(npy, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, npy[6]);
        assertEquals(0, npy[7]);
        int headerLen = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLen) % 64, "data must start on a 64-byte boundary");
        String header = new String(npy, 10, headerLen, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3, 3), }").endsWith("\n");
        Npy.FloatArray back = Npy.decodeFloat32(npy);
        assertArrayEquals(new int[] {2, 3, 3}, back.shape());
        assertArrayEquals(data, back.data());
    }
}
