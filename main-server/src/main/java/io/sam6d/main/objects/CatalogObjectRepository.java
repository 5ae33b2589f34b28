package io.sam6d.main.objects;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface CatalogObjectRepository extends JpaRepository<CatalogObject, Long> {

    List<CatalogObject> findAllByOrderByClassNameAscObjectNameAsc();

    List<CatalogObject> findByClassNameOrderByObjectNameAsc(String className);

    Optional<CatalogObject> findByClassNameAndObjectName(String className, String objectName);

    boolean existsByClassName(String className);
}
