/** KEDRec plugin. */
package org.kedrec.plugin;
