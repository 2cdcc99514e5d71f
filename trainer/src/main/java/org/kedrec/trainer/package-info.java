/** KEDRec trainer. */
package org.kedrec.trainer;
