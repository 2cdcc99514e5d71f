/** KEDRec core: domain types, typed configs, model code and metrics shared by training and serving. No Neo4j classes. */
package org.kedrec.core;
