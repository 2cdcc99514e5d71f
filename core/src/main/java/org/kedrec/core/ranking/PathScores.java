package org.kedrec.core.ranking;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.kedrec.core.Messages;

/**
 * A dense (disease x drug) matrix of precomputed scores, stored as {@code path-scores.bin}: the magic
 * {@code KDPS}, a version, the row and column counts, the entity index of every row (disease) and column (drug),
 * then the float32 values row by row (big-endian, {@link DataOutputStream}). Immutable once read; safe to share.
 */
public final class PathScores {
    private static final int MAGIC = 0x4B445053; // "KDPS"
    private static final int VERSION = 1;

    private final int[] rowEntities;
    private final int[] columnEntities;
    private final float[][] values;

    public PathScores(int[] rowEntities, int[] columnEntities, float[][] values) {
        if (values.length != rowEntities.length) {
            throw new IllegalArgumentException(Messages.format(
                    "Path scores need one row per disease but got %d rows for %d diseases.",
                    values.length, rowEntities.length));
        }
        for (float[] row : values) {
            if (row.length != columnEntities.length) {
                throw new IllegalArgumentException(Messages.format(
                        "Path scores need one column per drug but a row has %d values for %d drugs.",
                        row.length, columnEntities.length));
            }
        }
        this.rowEntities = rowEntities.clone();
        this.columnEntities = columnEntities.clone();
        this.values = values;
    }

    public int[] rowEntities() {
        return rowEntities.clone();
    }

    public int[] columnEntities() {
        return columnEntities.clone();
    }

    /** The row of scores for one disease row; shared, do not modify. */
    float[] rowView(int row) {
        return values[row];
    }

    public float value(int row, int column) {
        return values[row][column];
    }

    public void write(Path file) {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(rowEntities.length);
            out.writeInt(columnEntities.length);
            for (int e : rowEntities) {
                out.writeInt(e);
            }
            for (int e : columnEntities) {
                out.writeInt(e);
            }
            for (float[] row : values) {
                for (float v : row) {
                    out.writeFloat(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    public static PathScores read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IllegalStateException(Messages.format(
                        "%s is not a version-%d path score file; retrain the model.", file, VERSION));
            }
            int rows = in.readInt();
            int columns = in.readInt();
            int[] rowEntities = new int[rows];
            int[] columnEntities = new int[columns];
            for (int i = 0; i < rows; i++) {
                rowEntities[i] = in.readInt();
            }
            for (int i = 0; i < columns; i++) {
                columnEntities[i] = in.readInt();
            }
            float[][] values = new float[rows][columns];
            for (float[] row : values) {
                for (int j = 0; j < columns; j++) {
                    row[j] = in.readFloat();
                }
            }
            return new PathScores(rowEntities, columnEntities, values);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    @Override
    public String toString() {
        return Messages.format("PathScores[%d diseases x %d drugs, first row %s]", rowEntities.length,
                columnEntities.length, values.length == 0 ? "-" : Arrays.toString(Arrays.copyOf(values[0], 3)));
    }
}
