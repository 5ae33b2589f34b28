package io.sam6d.vision.eval.bop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sam6d.vision.geometry.RigidTransform;

class BopResultsTest {

    private static final List<BopEstimate> ESTIMATES = List.of(
            new BopEstimate(48, 1, 5, 0.8731234567, RigidTransform.fromAxisAngle(0.2, 0.9, -0.4, 2.1,
                    new double[] {-103.25, 41.0000001, 912.123456789}), 0.734),
            new BopEstimate(48, 1, 10, 1e-7, RigidTransform.identity(), -1),
            new BopEstimate(2, 1234, 21, 1, new RigidTransform(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1},
                    new double[] {0, 0, 1500}), 12.5));

    @Test
    void csvRoundTripsExactly(@TempDir Path dir) {
        Path file = dir.resolve("sam6d_ycbv-test.csv");
        BopResults.writeCsv(file, ESTIMATES);
        assertThat(file).content().startsWith("scene_id,im_id,obj_id,score,R,t,time\n");
        assertEquals(ESTIMATES, BopResults.readCsv(file));
    }

    @Test
    void csvRowHasBopsFieldLayout() throws Exception {
        StringWriter w = new StringWriter();
        BopResults.writeCsv(w, List.of(ESTIMATES.get(2)));
        String row = w.toString().split("\n")[1];
        assertEquals("2,1234,21,1,0 -1 0 1 0 0 0 0 1,0 0 1500,12.5", row);
    }

    @Test
    void readsBopToolkitStyleRows() throws Exception {
        String csv = "scene_id,im_id,obj_id,score,R,t,time\n"
                + "48,1,1,0.9,0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9,10.5 -20.25 800,-1\n\n";
        List<BopEstimate> back = BopResults.readCsv(new StringReader(csv), "test");
        assertEquals(1, back.size());
        assertArrayEquals(new double[] {10.5, -20.25, 800}, back.get(0).modelToCamera().translation());
        assertEquals(-1, back.get(0).timeSec());
    }

    @Test
    void malformedRowsNameTheirLine() {
        String csv = "scene_id,im_id,obj_id,score,R,t,time\n48,1,1,0.9,0.1 0.2,1 2 3,-1\n";
        assertThatThrownBy(() -> BopResults.readCsv(new StringReader(csv), "x.csv"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.csv line 2")
                .hasMessageContaining("R needs 9");
    }

    @Test
    void jsonRoundTripsExactly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");
        BopResults.writeJson(file, ESTIMATES);
        assertThat(Files.readString(file)).contains("\"scene_id\"", "\"im_id\"", "\"R\"", "\"t\"", "\"time\"");
        assertEquals(ESTIMATES, BopResults.readJson(file));
    }

    @Test
    void jsonAcceptsNestedMatrices(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested.json");
        Files.writeString(file, "[{\"scene_id\":1,\"im_id\":2,\"obj_id\":3,\"score\":0.5,"
                + "\"R\":[[1,0,0],[0,1,0],[0,0,1]],\"t\":[[1],[2],[3]]}]");
        BopEstimate e = BopResults.readJson(file).get(0);
        assertArrayEquals(new double[] {1, 2, 3}, e.modelToCamera().translation());
        assertEquals(-1, e.timeSec());
    }
}
