/**
 * Reading and writing tables: FITS binary tables, CSV (plain or gzip-compressed) and Arrow IPC
 * files, as format handlers ({@link org.ocengine.io.TableFormat}) found by {@link java.util.ServiceLoader}
 * and reached through the {@link org.ocengine.io.TableIO} facade. Readers stream record batches;
 * writers take record batches and publish their file atomically on commit.
 */
package org.ocengine.io;
