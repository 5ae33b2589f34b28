package io.sam6d.support.admission;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.sam6d.vision.model.Deadline;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** For {@link AdmissionTests}: an endpoint that holds its slot until released, one that works until stopped. */
@RestController
class WorkEndpoints {

    static volatile CountDownLatch release = new CountDownLatch(0);
    static final CountDownLatch entered = new CountDownLatch(1);

    @GetMapping("/api/v1/test/hold")
    Map<String, String> hold() throws InterruptedException {
        entered.countDown();
        release.await(20, TimeUnit.SECONDS);
        return Map.of("done", "yes");
    }

    @GetMapping("/api/v1/test/spin")
    Map<String, String> spin() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            Deadline.checkCurrent();
            Thread.sleep(10);
        }
        return Map.of("done", "yes");
    }
}
