package io.sam6d.vision.djl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a TorchScript file without Python, for tests: a module class whose code is given as TorchScript source (the
 * dialect {@code torch.jit.save} prints into {@code code/__torch__.py}) and whose float32 tensors are stored as
 * buffers. The file is what {@code torch.jit.save} writes, reduced to what libtorch reads:
 * <pre>
 *   &lt;name&gt;/version          "3"
 *   &lt;name&gt;/code/__torch__.py the class
 *   &lt;name&gt;/data.pkl         the module object: a protocol-2 pickle of {@code __torch__.Class} with its attributes,
 *                          tensors as torch._utils._rebuild_tensor_v2 over persistent storages
 *   &lt;name&gt;/constants.pkl    an empty tuple
 *   &lt;name&gt;/data/&lt;i&gt;         storage i, raw little-endian float32
 * </pre>
 * All entries are STORED (uncompressed), as libtorch reads them.
 */
public final class TorchScriptArchive {

    private record Tensor(String name, float[] values, long[] shape) {
    }

    private final String className;
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<String> methods = new ArrayList<>();
    private final List<String[]> extras = new ArrayList<>();

    private TorchScriptArchive(String className) {
        this.className = className;
    }

    /** A module of class {@code __torch__.<className>}. */
    public static TorchScriptArchive module(String className) {
        return new TorchScriptArchive(className);
    }

    /** A float32 buffer attribute, row-major values. */
    public TorchScriptArchive buffer(String name, float[] values, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape does not match the number of values");
        }
        tensors.add(new Tensor(name, values.clone(), shape.clone()));
        return this;
    }

    /**
     * A method in TorchScript's serialized dialect, indented by 2 spaces inside the class; e.g.
     * <pre>
     *   def forward(self: __torch__.Net,
     *     x: Tensor) -&gt; Tensor:
     *     return torch.mul(x, self.scale)
     * </pre>
     */
    public TorchScriptArchive method(String source) {
        methods.add(source);
        return this;
    }

    /** An extra file, as {@code torch.jit.save(..., _extra_files={name: text})} stores it. */
    public TorchScriptArchive extra(String name, String text) {
        extras.add(new String[] {name, text});
        return this;
    }

    /** The class's source, as libtorch compiles it. */
    public String code() {
        StringBuilder sb = new StringBuilder("class ").append(className).append("(Module):\n");
        sb.append("  __parameters__ = []\n");
        sb.append("  __buffers__ = [");
        for (Tensor t : tensors) {
            sb.append('"').append(t.name()).append("\", ");
        }
        sb.append("]\n");
        for (Tensor t : tensors) {
            sb.append("  ").append(t.name()).append(" : Tensor\n");
        }
        sb.append("  training : bool\n");
        for (String m : methods) {
            sb.append(m.endsWith("\n") ? m : m + "\n");
        }
        return sb.toString();
    }

    public Path write(Path file) throws IOException {
        String root = "model";
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            stored(zip, root + "/data.pkl", dataPickle());
            stored(zip, root + "/code/__torch__.py", code().getBytes(StandardCharsets.UTF_8));
            stored(zip, root + "/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            stored(zip, root + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            for (String[] e : extras) {
                stored(zip, root + "/extra/" + e[0], e[1].getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < tensors.size(); i++) {
                float[] v = tensors.get(i).values();
                ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : v) {
                    b.putFloat(f);
                }
                stored(zip, root + "/data/" + i, b.array());
            }
        }
        return file;
    }

    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** The module object as the C++ unpickler of libtorch expects it. */
    private byte[] dataPickle() {
        Pickle p = new Pickle();
        p.op(0x80).op(2); // PROTO 2
        p.global("__torch__", className).op(')').op(0x81); // EMPTY_TUPLE, NEWOBJ
        p.op('}').op('('); // EMPTY_DICT, MARK
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            p.string(t.name());
            p.global("torch._utils", "_rebuild_tensor_v2").op('(');
            p.op('(').string("storage").global("torch", "FloatStorage").string(Integer.toString(i)).string("cpu")
                    .integer(t.values().length).op('t').op('Q'); // persistent id tuple, BINPERSID
            p.integer(0); // storage offset
            p.op('(');
            for (long s : t.shape()) {
                p.integer(s);
            }
            p.op('t');
            p.op('(');
            long stride = 1;
            long[] strides = new long[t.shape().length];
            for (int d = t.shape().length - 1; d >= 0; d--) {
                strides[d] = stride;
                stride *= t.shape()[d];
            }
            for (long s : strides) {
                p.integer(s);
            }
            p.op('t');
            p.op(0x89); // requires_grad False
            p.global("collections", "OrderedDict").op(')').op('R'); // backward hooks
            p.op('t').op('R');
        }
        p.string("training").op(0x89);
        p.op('u').op('b').op('.'); // SETITEMS, BUILD, STOP
        return p.bytes();
    }

    private static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle op(int code) {
            out.write(code);
            return this;
        }

        Pickle global(String module, String name) {
            out.write('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Pickle string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
            out.writeBytes(b);
            return this;
        }

        Pickle integer(long v) {
            if (v >= 0 && v < 256) {
                out.write('K');
                out.write((int) v);
            } else {
                out.write('J');
                out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
