/**
 * Streaming audit events to the hospital's SIEM: {@link org.consilium.audit.syslog.SyslogFormatter}
 * makes one RFC 5424 message per record, {@link org.consilium.audit.syslog.TlsSyslogSender}
 * sends batches over TLS with RFC 5425 octet-counting framing. The server keeps its cursor
 * in the database and resends from it after a failure, so nothing here buffers.
 */
package org.consilium.audit.syslog;
