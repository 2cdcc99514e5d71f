package org.kedrec.plugin;

import org.neo4j.procedure.Description;

/** The single row of {@code kedrec.recommend.write}. */
public final class WriteResult {
    @Description(Constants.WRITE_DISEASES)
    public final long diseases;

    @Description(Constants.WRITE_SKIPPED)
    public final long skipped;

    @Description(Constants.WRITE_DELETED)
    public final long relationshipsDeleted;

    @Description(Constants.WRITE_CREATED)
    public final long relationshipsCreated;

    @Description(Constants.WRITE_MODEL)
    public final String model;

    @Description(Constants.WRITE_VERSION)
    public final String version;

    @Description(Constants.WRITE_MILLIS)
    public final long millis;

    public WriteResult(long diseases, long skipped, long relationshipsDeleted, long relationshipsCreated, String model,
            String version, long millis) {
        this.diseases = diseases;
        this.skipped = skipped;
        this.relationshipsDeleted = relationshipsDeleted;
        this.relationshipsCreated = relationshipsCreated;
        this.model = model;
        this.version = version;
        this.millis = millis;
    }
}
