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
    var loader = getClass().getClassLoader();
    var changelog = read(loader, SchemaMigrations.CHANGELOG);
    var changesets = 0L;
    // every included file, each with one or more changesets
    var includes = Pattern.compile("<include file=\"([^\"]+)\"").matcher(changelog);
    while (includes.find()) {
      var included = read(loader, "liquibase/" + includes.group(1));
      changesets += Pattern.compile("(?m)^--changeset kosync:")
          .matcher(included)
          .results()
          .count();
    }
    try (var connection = dataSource.getConnection();
        var rows = connection
            .createStatement()
            .executeQuery("select count(*) from databasechangelog where author = 'kosync'")) {
      rows.next();
      assertEquals(changesets, rows.getLong(1));
    }
  }

  private static String read(ClassLoader loader, String resource) throws java.io.IOException {
    try (var in = loader.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
