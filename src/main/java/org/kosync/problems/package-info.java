/**
 * The protocol's error vocabulary: KOReader's error table (code, HTTP status, message) in one
 * enum, one exception that carries it, and the mappers that turn every failure into the
 * {@code {"code":…,"message":…}} body KOReader can read. Unknown failures become 502/2000 (a 5xx,
 * so KOReader retries) and are logged once; an unreachable database becomes 502/1000.
 */
package org.kosync.problems;
