/**
 * The KOReader sync protocol (koreader-sync-server v1) over HTTP: an adapter with no business
 * rules. It owns the wire: the Accept policy, bounded JSON bodies, field validation with
 * KOReader's error codes, and the exact response shapes.
 */
package org.kosync.sync;
