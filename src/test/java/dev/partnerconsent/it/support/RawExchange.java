package dev.partnerconsent.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 exchange over a fresh socket, bytes exactly as given: a hostile client does not go through a polite
 * HTTP library, so the request can carry raw non-UTF-8 bytes, duplicated headers or a 1 MB request line. Every
 * request says {@code Connection: close} and the answer is read to the end of the stream, so no exchange depends on
 * how the server left the previous connection.
 */
public final class RawExchange {

    private static final int TIMEOUT_MS = 30_000;

    private RawExchange() {
    }

    /** What came back; {@code writeFailed} when the server closed the connection while the request was still being sent. */
    public record Answer(int status, Map<String, List<String>> headers, String body, boolean writeFailed, boolean timedOut) {

        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        /** No status line at all: the server dropped the connection without answering. */
        public boolean noAnswer() {
            return status == 0;
        }
    }

    public static Answer send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(TIMEOUT_MS);
            boolean writeFailed = false;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                writeFailed = true; // the server refused mid-request; what it answered before closing is still readable
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            boolean timedOut = false;
            try {
                InputStream in = socket.getInputStream();
                in.transferTo(received);
            } catch (SocketTimeoutException e) {
                timedOut = true;
            } catch (IOException e) {
                // connection reset after (or instead of) an answer: parse what arrived
            }
            return parse(received.toByteArray(), writeFailed, timedOut);
        }
    }

    private static Answer parse(byte[] raw, boolean writeFailed, boolean timedOut) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || headEnd < 0) {
            return new Answer(0, Map.of(), text, writeFailed, timedOut);
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        String body = text.substring(headEnd + 4);
        if (headers.getOrDefault("transfer-encoding", List.of()).stream().anyMatch(v -> v.equalsIgnoreCase("chunked"))) {
            body = dechunk(body);
        }
        // Bodies are UTF-8 pages or JSON; re-decode so that escaped and unescaped input compare as characters
        return new Answer(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8),
                writeFailed, timedOut);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            String sizeField = chunked.substring(at, lineEnd).split(";")[0].trim();
            int size = sizeField.isEmpty() ? 0 : Integer.parseInt(sizeField, 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            body.append(chunked, start, Math.min(chunked.length(), start + size));
            at = start + size + 2;
        }
        return body.toString();
    }
}
