package org.kosync.storage.boundary;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.annotation.Resource;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kosync.testing.Deployments;

/** In the server: Liquibase ran every changeset, and the JPA mapping matches the migrated schema. */
@ExtendWith(ArquillianExtension.class)
class SchemaMappingIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.kosync();
  }

  @PersistenceUnit
  EntityManagerFactory entityManagerFactory;

  @Resource(lookup = KosyncDataSource.NAME)
  DataSource dataSource;

  @Test
  void mappingValidatesAgainstTheMigratedSchema() {
    assertDoesNotThrow(() -> entityManagerFactory
        .unwrap(SessionFactory.class)
        .getSchemaManager()
        .validateMappedObjects());
  }

  @Test
  void everyChangesetOfTheChangelogWasApplied() throws Exception {
    var changelog = new String(
        getClass()
            .getClassLoader()
            .getResourceAsStream(SchemaMigrations.CHANGELOG)
            .readAllBytes(),
        StandardCharsets.UTF_8);
    var includes = Pattern.compile("<include ").matcher(changelog).results().count();
    try (var connection = dataSource.getConnection();
        var rows = connection
            .createStatement()
            .executeQuery("select count(*) from databasechangelog where author = 'kosync'")) {
      rows.next();
      assertEquals(includes, rows.getLong(1));
    }
  }
}
