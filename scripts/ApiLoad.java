import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A small HTTP load generator (run with `java scripts/ApiLoad.java URL REQUESTS CONCURRENCY`): sends REQUESTS GETs
 * from CONCURRENCY threads after a warm-up, prints requests per second and latency percentiles.
 */
public class ApiLoad {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int requests = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest req = HttpRequest.newBuilder(uri).GET().build();
        for (int i = 0; i < Math.min(200, requests); i++) {
            client.send(req, HttpResponse.BodyHandlers.discarding());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Long>>> parts = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int share = requests / threads + (t < requests % threads ? 1 : 0);
            parts.add(pool.submit(() -> {
                List<Long> lat = new ArrayList<>(share);
                for (int i = 0; i < share; i++) {
                    long s = System.nanoTime();
                    HttpResponse<Void> r = client.send(req, HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + r.statusCode());
                    }
                    lat.add(System.nanoTime() - s);
                }
                return lat;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : parts) {
            all.addAll(f.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Collections.sort(all);
        System.out.printf("%d requests, %d threads: %.0f req/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n", all.size(),
                threads, all.size() / seconds, pct(all, 0.50), pct(all, 0.90), pct(all, 0.99));
    }

    static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
