/**
 * The one registry every component records its meters in, which {@code /metrics} serves
 * (org.kosync.operations.control.Scrape). It depends on nothing of KOsync, so any component may
 * record into it without depending on the one that serves it.
 */
package org.kosync.meters;
