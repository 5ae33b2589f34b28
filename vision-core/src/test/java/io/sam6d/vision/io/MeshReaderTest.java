package io.sam6d.vision.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.sam6d.vision.SharedData;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.io.bop.BopDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsRealAsciiPlyWithNormalsAndColours() {
        Mesh m = MeshReader.read(SharedData.lmoExample().resolve("obj_000005.ply"));
        assertEquals(22831, m.vertexCount());
        assertEquals(45666, m.triangleCount());
        assertThat(m.hasNormals()).isTrue();
        assertThat(m.hasColors()).isTrue();
        assertEquals(-6.631f, m.positions()[0], 1e-4);
        assertEquals(197 / 255f, m.colors()[0], 1e-6);
    }

    @Test
    void readsYcbvMeshesAndPointSetsWithDiametersMatchingModelsInfo() {
        BopDataset ds = BopDataset.open(SharedData.ycbv());
        for (int id : new int[] {1, 14, 17}) {
            Mesh m = ds.model(id);
            assertThat(m.hasTriangles()).isEqualTo(ds.modelInfo(id).mesh());
            assertEquals(ds.modelInfo(id).diameter(), MeshOps.diameter(m), 0.03 * ds.modelInfo(id).diameter());
        }
    }

    @Test
    void binaryLittleEndianPlyEqualsItsAsciiTwin() throws Exception {
        String header = "ply\nformat binary_little_endian 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
                + "property float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n";
        ByteBuffer b = ByteBuffer.allocate(9 * 4 + 1 + 12).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(0).putFloat(0).putFloat(0).putFloat(1).putFloat(0).putFloat(0).putFloat(0).putFloat(1).putFloat(0);
        b.put((byte) 3).putInt(0).putInt(1).putInt(2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        out.write(b.array());
        Path f = tmp.resolve("tri.ply");
        Files.write(f, out.toByteArray());
        Mesh m = MeshReader.read(f);
        assertEquals(3, m.vertexCount());
        assertEquals(1, m.triangleCount());
        assertEquals(1f, m.positions()[3]);
    }

    @Test
    void badMeshesFailWithAClearMessage() throws Exception {
        Path truncated = tmp.resolve("trunc.ply");
        Files.writeString(truncated, "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
                + "property float z\nend_header\n0 0 0\n1 0 0\n");
        assertThatThrownBy(() -> MeshReader.read(truncated)).isInstanceOf(MeshFormatException.class)
                .hasMessageContaining("truncated");
        Path nan = tmp.resolve("nan.ply");
        Files.writeString(nan, "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\n"
                + "property float z\nend_header\nnan 0 0\n");
        assertThatThrownBy(() -> MeshReader.read(nan)).hasMessageContaining("non-finite");
        Path empty = tmp.resolve("empty.ply");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> MeshReader.read(empty)).isInstanceOf(MeshFormatException.class);
        assertThatThrownBy(() -> MeshReader.read(tmp.resolve("missing.ply"))).hasMessageContaining("not found");
        Path badIndex = tmp.resolve("idx.obj");
        Files.writeString(badIndex, "v 0 0 0\nv 1 0 0\nf 1 2 3\n");
        assertThatThrownBy(() -> MeshReader.read(badIndex)).hasMessageContaining("does not exist");
    }

    @Test
    void objAndStlGiveTheSameGeometry() throws Exception {
        Path obj = tmp.resolve("quad.obj");
        Files.writeString(obj, "v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nf 1/1/1 2/2/1 3/3/1 4/4/1\n");
        Mesh m = MeshReader.read(obj);
        assertEquals(4, m.vertexCount());
        assertEquals(2, m.triangleCount());
        Path stl = tmp.resolve("quad.stl");
        Files.writeString(stl, "solid q\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 1 1 0\n"
                + "endloop\nendfacet\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 1 0\nvertex 0 1 0\n"
                + "endloop\nendfacet\nendsolid q\n");
        Mesh s = MeshReader.read(stl);
        assertEquals(4, s.vertexCount());
        assertEquals(2, s.triangleCount());
    }
}
