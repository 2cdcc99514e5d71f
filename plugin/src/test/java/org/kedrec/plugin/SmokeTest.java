package org.kedrec.plugin;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kedrec.core.explain.PathQueries;
import org.kedrec.core.explain.PairRequest;
import org.neo4j.driver.Session;
import org.neo4j.driver.summary.ProfiledPlan;

class SmokeTest {
    static void walk(ProfiledPlan p, int depth, StringBuilder out) {
        if (p.dbHits() > 1000 || p.time() > 1_000_000) {
            out.append("  ".repeat(depth)).append(p.operatorType()).append(" hits=").append(p.dbHits())
                    .append(" rows=").append(p.records()).append(" time=").append(p.time() / 1000).append("ms ")
                    .append(p.arguments().getOrDefault("Details", null)).append('\n');
        }
        for (ProfiledPlan c : p.children()) {
            walk(c, depth + 1, out);
        }
    }

    @Test
    void smoke() {
        TestDb db = TestDb.get();
        for (String[] pair : List.of(new String[] {"DrugBank:DB01273", "DOID:0050742"},
                new String[] {"DrugBank:DB00178", "DOID:10763"}, new String[] {"DrugBank:DB01273", "DOID:0050742"})) {
            Map<String, Object> params = Map.of("pairs", List.of(PairRequest.of(pair[0], pair[1]).toParameter()),
                    "heldOut", List.of(), "perMetapath", 3L, "w", 0.4);
            try (Session s = db.driver.session()) {
                long t = System.nanoTime();
                s.run(PathQueries.DEFAULT, params).consume();
                System.out.printf("%s plain %.1f ms%n", pair[0], (System.nanoTime() - t) / 1e6);
                t = System.nanoTime();
                var summary = s.run("PROFILE " + PathQueries.DEFAULT, params).consume();
                System.out.printf("%s profile %.1f ms%n", pair[0], (System.nanoTime() - t) / 1e6);
                StringBuilder out = new StringBuilder();
                walk(summary.profile(), 0, out);
                System.out.println(out);
            }
        }
        db.run("MATCH (c:Drug {id:'DrugBank:DB01273'}) RETURN c.name, COUNT{(c)--()} AS deg").forEach(r -> System.out.println(r.asMap()));
        db.run("MATCH (c:Drug {id:'DrugBank:DB01273'})-[r]-(x) RETURN type(r), labels(x), count(*)").forEach(r -> System.out.println(r.asMap()));
        long t = System.nanoTime();
        db.run("CALL kedrec.explain('nicotine dependence', 'Varenicline', {rationale: 'none'})");
        System.out.printf("explain none %.1f ms%n", (System.nanoTime() - t) / 1e6);
        t = System.nanoTime();
        db.run("CALL kedrec.explain('nicotine dependence', 'Varenicline')");
        System.out.printf("explain teacher %.1f ms%n", (System.nanoTime() - t) / 1e6);
        t = System.nanoTime();
        db.run("CALL kedrec.explain('nicotine dependence', 'Varenicline')");
        System.out.printf("explain teacher again %.1f ms%n", (System.nanoTime() - t) / 1e6);
    }
}
