/** KEDRec importer. */
package org.kedrec.importer;
