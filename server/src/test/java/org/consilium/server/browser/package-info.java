/**
 * End-to-end tests in real headless Chromium against the running server: the pages, the
 * call client and media through the embedded bridge, checked with the browser's getStats.
 */
package org.consilium.server.browser;
