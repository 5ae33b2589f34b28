package io.sam6d.ism;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** ISM (8002): instance segmentation of known objects. */
@SpringBootApplication
public class IsmServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(IsmServerApplication.class, args);
    }
}
