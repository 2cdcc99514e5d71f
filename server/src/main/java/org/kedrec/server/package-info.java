/**
 * A real Neo4j 5.26 Community server assembled from Maven jars: the distribution folder built at package time
 * ({@link org.kedrec.server.Distribution}), a server home linked to it ({@link org.kedrec.server.ServerHome}),
 * and the start/stop/status life cycle ({@link org.kedrec.server.Neo4jServer}). The command line lives in
 * {@code org.kedrec.server.cli}.
 */
package org.kedrec.server;
