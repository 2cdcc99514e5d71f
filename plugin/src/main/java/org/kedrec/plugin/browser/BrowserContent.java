package org.kedrec.plugin.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

/**
 * Serves the KEDRec Browser guide and Browser style from the Neo4j server itself, as an unmanaged extension
 * ({@code server.unmanaged_extension_classes=org.kedrec.plugin.browser=/kedrec}, which {@code kedrec server start}
 * sets): {@code :play http://127.0.0.1:7474/kedrec/guide} and {@code :style http://127.0.0.1:7474/kedrec/style.grass}.
 * Browser fetches remote guides and styles only from hosts in {@code browser.remote_content_hostname_whitelist},
 * without credentials, so {@code /kedrec} must also be in {@code dbms.security.http_auth_allowlist} where
 * authentication is on. Both files are built into the plugin jar from the repository's {@code cypher/} folder.
 */
@Path("/")
public final class BrowserContent {
    /** Where the guide's links point in the committed file; replaced by the address the guide was fetched from. */
    public static final String DEFAULT_BASE = "http://127.0.0.1:7474/kedrec/";
    static final String GUIDE = "guide/kedrec.html";
    static final String STYLE = "style.grass";

    @Context
    public UriInfo uriInfo;

    @GET
    @Path("guide")
    public Response guide() {
        return ok(guideHtml(uriInfo.getBaseUri()), "text/html; charset=UTF-8");
    }

    @GET
    @Path("style.grass")
    public Response style() {
        return ok(resource(STYLE), "text/plain; charset=UTF-8");
    }

    /** The guide with its {@code :style} and {@code :play} addresses pointing at {@code base} (ending in /kedrec/). */
    public static String guideHtml(URI base) {
        String address = base.toString().endsWith("/") ? base.toString() : base + "/";
        return resource(GUIDE).replace(DEFAULT_BASE, address);
    }

    /** A file of the guide folder, as UTF-8 text. */
    public static String resource(String name) {
        try (InputStream in = BrowserContent.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The KEDRec plugin jar lacks " + BrowserContent.class.getPackageName()
                        .replace('.', '/') + "/" + name + "; it was not built by Maven. Rebuild it with "
                        + "./mvnw -B -ntp -Dfast package.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name + " from the KEDRec plugin jar.", e);
        }
    }

    private static Response ok(String body, String type) {
        // The guide is static and public: any Browser may fetch it, from any origin it was opened at.
        return Response.ok(body, type)
                .header("Access-Control-Allow-Origin", "*")
                .header("Cache-Control", "no-cache")
                .build();
    }
}
