package io.postdesk.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 keep-alive client for load generation: one socket per sender, requests written as bytes, the
 * response read by its Content-Length (or chunks). It costs a fraction of the CPU of {@code java.net.http.HttpClient},
 * which matters when the senders share the machine's two cores with the server they measure (like wrk or ab would).
 */
final class RawHttp implements AutoCloseable {

    record Response(int status, String body) {}

    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttp(int port) {
        this.port = port;
    }

    Response post(String path, String contentType, byte[] body) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                connectIfNeeded();
                String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                return read();
            } catch (IOException e) {
                // The server closed an idle or used-up keep-alive connection: reconnect once.
                close();
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private void connectIfNeeded() throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
    }

    private Response read() throws IOException {
        String status = line();
        if (status == null) {
            throw new IOException("connection closed");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String header; (header = line()) != null && !header.isEmpty(); ) {
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closeAfter = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size; (size = Integer.parseInt(line().strip(), 16)) > 0; ) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
        } else if (length >= 0) {
            body.write(in.readNBytes(length));
        }
        if (closeAfter) {
            close();
        }
        return new Response(code, body.toString(StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != -1; ) {
            if (c == '\n') {
                int last = line.length() - 1;
                return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
