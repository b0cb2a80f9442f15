package io.parkgate.simulator.device;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** How a simulated imaging camera delivers a frame to the agent (docs/protocols.md §4). */
@FunctionalInterface
public interface FramePush {

    /**
     * Delivers one JPEG frame.
     *
     * @return what happened, for the event log (e.g. {@code HTTP 202})
     * @throws IOException when it could not be delivered
     */
    String push(byte[] jpeg) throws IOException;

    /** POSTs {@code image/jpeg} to the agent's frame port, as a camera pushing its snapshot. */
    static FramePush http(URI endpoint) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return jpeg -> {
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build();
            try {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(
                        StandardCharsets.UTF_8));
                if (r.statusCode() != 202) {
                    throw new IOException(endpoint + " answered " + r.statusCode() + ": " + r.body().trim());
                }
                return "HTTP 202";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted posting to " + endpoint, e);
            }
        };
    }

    /** Uploads into a directory as a camera's FTP client would: written as {@code .part}, then renamed in. */
    static FramePush directory(Path dir, String lane) {
        AtomicLong counter = new AtomicLong();
        return jpeg -> {
            Files.createDirectories(dir);
            String name = lane + "-" + System.nanoTime() + "-" + counter.incrementAndGet() + ".jpg";
            Path part = dir.resolve(name + ".part");
            Files.write(part, jpeg);
            Files.move(part, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            return "file " + name;
        };
    }
}
