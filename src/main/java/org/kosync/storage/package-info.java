/**
 * Where KOsync keeps its data: one application-defined DataSource whose URL comes from
 * configuration (embedded H2 under the data directory by default, PostgreSQL for production),
 * the Liquibase migration run at deployment, and the check that the JPA mapping matches the
 * migrated schema. Hibernate never generates schema.
 */
package org.kosync.storage;
