/**
 * Reading positions: the latest state of each document per account. Last write wins,
 * unconditionally (a device that went back a chapter is right), and the timestamp is always the
 * server's clock. One transaction boundary serves every entry point.
 */
package org.kosync.documents;
