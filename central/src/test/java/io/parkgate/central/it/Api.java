package io.parkgate.central.it;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A tiny blocking client of central's JSON API for tests. */
public final class Api {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A response: status and body text. */
    public record Response(int status, String body) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public JsonArray array() {
            return new JsonArray(body);
        }
    }

    public String login(String user, String password) {
        Response r = call("POST", "/api/login", null, new JsonObject().put("username", user).put("password", password));
        if (r.status() != 200) {
            throw new AssertionError("login " + user + ": " + r);
        }
        return r.json().getString("token");
    }

    public Response call(String method, String path, String token, JsonObject body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(
                    java.time.Duration.ofSeconds(60));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            b.header("content-type", "application/json");
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.encode(), StandardCharsets.UTF_8));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }

    /** Calls and asserts 200. */
    public Response ok(String method, String path, String token, JsonObject body) {
        Response r = call(method, path, token, body);
        if (r.status() != 200) {
            throw new AssertionError(method + " " + path + " -> " + r.status() + " " + r.body());
        }
        return r;
    }
}
