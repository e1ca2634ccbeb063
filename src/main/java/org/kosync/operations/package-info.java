/**
 * What an operator sees of a running KOsync: for now, the request line its access log may show,
 * with a WebSocket URI's token left out (WildFly's access log skips those paths by itself; Payara's
 * prints the line prepared here).
 */
package org.kosync.operations;
