/**
 * What an operator sees of a running KOsync: MicroProfile Health checks (alive while its timers
 * fire, ready while the database answers and the schema is migrated, started once it is), served
 * at {@code /health…} on the application's own port the same way on both servers; and the request
 * line its access log may show, with a WebSocket URI's token left out (WildFly's access log skips
 * those paths by itself; Payara's prints the line prepared here).
 */
package org.kosync.operations;
