package org.kedrec.importer;

import java.nio.file.Path;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.importer.write.AdminImportFiles;
import org.kedrec.importer.write.OfflineGraph;

/**
 * Developer tool: builds the demo graph in memory and writes the neo4j-admin import files, timing both.
 * Arguments: outputDir.
 */
public final class OfflineFilesTool {
    private OfflineFilesTool() {}

    public static void main(String[] args) {
        Path data = DataDirectory.require();
        long t0 = System.nanoTime();
        OfflineGraph graph = new OfflineGraph();
        ImportReport report = Importer.offline(graph, ImportOptions.defaults().withDataDirectory(data)).importAll(data);
        long t1 = System.nanoTime();
        AdminImportFiles files = AdminImportFiles.write(graph, Path.of(args[0]));
        long t2 = System.nanoTime();
        System.out.println(report.created() + " steps " + report.steps());
        System.out.printf("build %.2f s, files %.2f s, %d files, %d bytes, cpu %s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                files.files().size(), files.bytes(), ProcessHandle.current().info().totalCpuDuration().orElseThrow());
        System.out.println(String.join(" ", files.arguments()));
    }
}
