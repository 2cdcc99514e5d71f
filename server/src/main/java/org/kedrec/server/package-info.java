/** KEDRec server. */
package org.kedrec.server;
