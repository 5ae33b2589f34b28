import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load test of one ISM server (run with `java scripts/IsmLoad.java BASE_URL FRAME_DIR CLASS OBJECT CONCURRENCY`):
 * CONCURRENCY segment requests of the frame in FRAME_DIR (rgb.png, depth.png, camera.json) sent at once, while the
 * server's heap is sampled every 100 ms; then one more request. Prints the answers by status, latencies, the heap
 * peak against its limit; exits 1 when an answer was neither 200 nor 503, or the next request was not served.
 */
public class IsmLoad {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        Path frame = Path.of(args[1]);
        int concurrency = Integer.parseInt(args[4]);
        String camera = Files.readString(frame.resolve("camera.json"));
        String body = "{\"rgb_image\":\"" + b64(frame.resolve("rgb.png")) + "\",\"depth_image\":\""
                + b64(frame.resolve("depth.png")) + "\",\"cam_K\":" + field(camera, "cam_K") + ",\"depth_scale\":"
                + field(camera, "depth_scale") + ",\"class_name\":\"" + args[2] + "\",\"object_name\":\"" + args[3]
                + "\"}";
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(concurrency + 4)).build();
        HttpRequest segment = HttpRequest.newBuilder(URI.create(base + "/api/v1/ism/segment"))
                .header("Content-Type", "application/json").header("X-Request-Timeout-Ms", "120000")
                .timeout(Duration.ofMinutes(3)).POST(HttpRequest.BodyPublishers.ofString(body)).build();

        double heapMax = metric(client, base, "jvm.memory.max");
        AtomicLong peak = new AtomicLong((long) metric(client, base, "jvm.memory.used"));
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    peak.accumulateAndGet((long) metric(client, base, "jvm.memory.used"), Math::max);
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a sample lost under load: the next one counts
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();

        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> answers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                long start = System.nanoTime();
                HttpResponse<String> r = client.send(segment, HttpResponse.BodyHandlers.ofString());
                return new long[] {r.statusCode(), (System.nanoTime() - start) / 1_000_000,
                    r.headers().firstValueAsLong("Retry-After").orElse(-1)};
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        Map<Integer, List<Long>> byStatus = new TreeMap<>();
        List<Long> retryAfter = new ArrayList<>();
        for (Future<long[]> f : answers) {
            long[] a;
            try {
                a = f.get();
            } catch (Exception e) {
                a = new long[] {0, 0, -1};
            }
            byStatus.computeIfAbsent((int) a[0], k -> new ArrayList<>()).add(a[1]);
            if (a[2] >= 0) {
                retryAfter.add(a[2]);
            }
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        pool.shutdown();
        int nextStatus;
        try {
            nextStatus = client.send(segment, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (java.io.IOException e) {
            nextStatus = 0; // the server is gone
        }
        sampler.interrupt();

        System.out.printf("%d concurrent segment requests in %d ms%n", concurrency, wallMs);
        boolean ok = true;
        for (var e : byStatus.entrySet()) {
            List<Long> lat = e.getValue();
            Collections.sort(lat);
            System.out.printf("  %s: %d answers, latency p50 %d ms, max %d ms%n",
                    e.getKey() == 0 ? "no answer" : "HTTP " + e.getKey(), lat.size(), lat.get(lat.size() / 2),
                    lat.get(lat.size() - 1));
            ok &= e.getKey() == 200 || e.getKey() == 503;
        }
        if (!retryAfter.isEmpty()) {
            Collections.sort(retryAfter);
            System.out.printf("  Retry-After on 503: %d to %d s%n", retryAfter.get(0),
                    retryAfter.get(retryAfter.size() - 1));
        }
        System.out.printf("  heap peak %.0f MiB of its %.0f MiB limit%n", peak.get() / 1048576.0,
                heapMax / 1048576.0);
        System.out.printf("  next request: %s%n", nextStatus == 0 ? "no answer (the server is gone)"
                : "HTTP " + nextStatus);
        ok &= nextStatus == 200 && peak.get() < heapMax;
        System.out.println(ok ? "OK: every answer 200 or 503, heap under its limit, the next request served"
                : "FAILED");
        System.exit(ok ? 0 : 1);
    }

    private static String b64(Path p) throws Exception {
        return Base64.getEncoder().encodeToString(Files.readAllBytes(p));
    }

    /** A top-level value of a small JSON file (numbers and arrays of numbers). */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\[[^\\]]*\\]|[-0-9.eE+]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("camera.json has no " + name);
        }
        return m.group(1);
    }

    /** The heap's value of a JVM memory metric, bytes. */
    private static double metric(HttpClient client, String base, String name) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/" + name
                + "?tag=area:heap")).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"value\"\\s*:\\s*([-0-9.eE+]+)").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException(name + ": " + r.body());
        }
        return Double.parseDouble(m.group(1));
    }
}
