package io.sam6d.pem;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** PEM (8003): 6D pose estimation of detected instances. */
@SpringBootApplication
public class PemServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PemServerApplication.class, args);
    }
}
