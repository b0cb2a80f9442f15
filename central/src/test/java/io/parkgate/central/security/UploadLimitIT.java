package io.parkgate.central.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.it.CentralFixture;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 1: uploads and oversized bodies are refused at the door, and nothing reaches the disk
 * (central's working directory nor its temp directory) before the caller is known.
 */
@ExtendWith(VertxExtension.class)
class UploadLimitIT {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void multipartUploadWithoutLoginWritesNothing(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            long before = uploadedFiles();
            for (String path : new String[] {"/api/me", "/api/login", "/api/registry", "/console/notes"}) {
                HttpResponse<String> r = send(f, "POST", path, null, multipart(2 * 1024 * 1024));
                assertTrue(r.statusCode() >= 400, path + " accepted an upload: " + r.statusCode());
            }
            assertEquals(before, uploadedFiles(), "files were written by unauthenticated uploads");
        }
    }

    @Test
    void multipartUploadWithLoginIsRefusedAndWritesNothing(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            long before = uploadedFiles();
            HttpResponse<String> r = send(f, "POST", "/api/users", f.managerToken, multipart(64 * 1024));
            assertEquals(415, r.statusCode(), r.body());
            r = send(f, "POST", "/console/notes", f.managerToken, multipart(64 * 1024));
            assertEquals(415, r.statusCode(), r.body());
            assertEquals(before, uploadedFiles());
        }
    }

    @Test
    void bodiesOverTheRouteLimitGet413(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"))) {
            String big = "{\"username\":\"" + "x".repeat(64 * 1024) + "\",\"password\":\"y\"}";
            assertEquals(413, send(f, "POST", "/api/login", null, json(big)).statusCode());
            String bigPlate = "{\"plate\":\"" + "x".repeat(256 * 1024) + "\",\"amountFen\":1,\"method\":\"CASH\"}";
            assertEquals(413, send(f, "POST", "/api/prepayments", f.managerToken, json(bigPlate)).statusCode());
            // unauthenticated big bodies are refused as unauthenticated, never read
            HttpResponse<String> r = send(f, "POST", "/api/prepayments", null, json(bigPlate));
            assertTrue(r.statusCode() == 401 || r.statusCode() == 413, "status " + r.statusCode());
            // The registry check takes what the registry upsert takes (a whole estate's CSV): far over 64 KB, not 8 MB.
            StringBuilder estate = new StringBuilder("{\"vehicles\":[");
            for (int i = 0; i < 20_000; i++) {
                estate.append(i == 0 ? "" : ",").append("{\"plate\":\"粤B").append(String.format("%05d", i))
                        .append("\"}");
            }
            HttpResponse<String> checked = send(f, "POST", "/api/registry/check", f.managerToken,
                    json(estate.append("]}").toString()));
            assertEquals(200, checked.statusCode(), checked.body());
            assertTrue(checked.body().contains("\"problems\":[]"), checked.body());
            String huge = "{\"vehicles\":[{\"plate\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}]}";
            assertEquals(413, send(f, "POST", "/api/registry/check", f.managerToken, json(huge)).statusCode());
        }
    }

    private HttpResponse<String> send(CentralFixture f, String method, String path, String token,
                                      Body body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.central.httpPort() + path))
                .header("content-type", body.type()).method(method, HttpRequest.BodyPublishers.ofByteArray(
                        body.bytes()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // central may close the connection on a refused body before reading it: that is a refusal too
            return new ClosedResponse(e);
        }
    }

    record Body(String type, byte[] bytes) {
    }

    static Body json(String s) {
        return new Body("application/json", s.getBytes(StandardCharsets.UTF_8));
    }

    static Body multipart(int size) {
        String boundary = "b0undary";
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] t = tail.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + size + t.length];
        System.arraycopy(h, 0, all, 0, h.length);
        java.util.Arrays.fill(all, h.length, h.length + size, (byte) 'A');
        System.arraycopy(t, 0, all, h.length + size, t.length);
        return new Body("multipart/form-data; boundary=" + boundary, all);
    }

    /** Files in Vert.x's default upload directory (relative to the working directory) and the temp dir. */
    static long uploadedFiles() throws IOException {
        long n = 0;
        for (Path p : new Path[] {Path.of("file-uploads"), Path.of(System.getProperty("java.io.tmpdir"),
                "file-uploads")}) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    n += s.count();
                }
            }
        }
        return n;
    }

    /** A connection closed by central on a refused body. */
    record ClosedResponse(IOException cause) implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return 499;
        }

        @Override
        public HttpRequest request() {
            return null;
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true);
        }

        @Override
        public String body() {
            return String.valueOf(cause);
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        @Override
        public URI uri() {
            return null;
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
