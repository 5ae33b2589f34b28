package io.sam6d.main.servers;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface ServerStatusRepository extends JpaRepository<ServerStatusRecord, Long> {

    List<ServerStatusRecord> findByServiceOrderByCheckedAtDesc(String service);

    /** One statement, not a load-then-delete: the table grows by every replica every check interval. */
    @Modifying
    @Transactional
    @Query("delete from ServerStatusRecord r where r.checkedAt < :before")
    int deleteCheckedBefore(@Param("before") Instant before);
}
