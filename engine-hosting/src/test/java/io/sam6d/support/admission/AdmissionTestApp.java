package io.sam6d.support.admission;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** A server with service-support and the bulkhead, as ISM and PEM have it, for {@link AdmissionTests}. */
@SpringBootApplication
@Import(AdmissionConfiguration.class)
class AdmissionTestApp {
}
