/**
 * The Browser guide and style, served by Neo4j's web server as an unmanaged extension mounted at {@code /kedrec}
 * (docs/browser.md). Only JAX-RS resources belong in this package: Neo4j scans all of it.
 */
package org.kedrec.plugin.browser;
