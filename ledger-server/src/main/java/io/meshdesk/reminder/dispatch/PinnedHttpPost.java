package io.meshdesk.reminder.dispatch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST to exactly the given address: no second name lookup, no redirects, one request
 * per connection. For https the TLS session is verified against the URI's host name (SNI and
 * certificate), though the connection goes to the pinned address.
 */
final class PinnedHttpPost {

  private static final int MAX_STATUS_LINE = 1024;

  private final SSLSocketFactory tls;
  private final Duration timeout;

  PinnedHttpPost(SSLSocketFactory tls, Duration timeout) {
    this.tls = tls;
    this.timeout = timeout;
  }

  /** Sends the request and returns the response's status code. */
  int post(URI uri, InetAddress address, Map<String, String> headers, byte[] body)
      throws IOException {
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress(address, port), millis);
      raw.setSoTimeout(millis);
      Socket socket = https ? handshake(raw, uri.getHost(), port) : raw;
      try {
        OutputStream out = socket.getOutputStream();
        out.write(
            head(uri, port, https, headers, body.length).getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return status(new BufferedInputStream(socket.getInputStream()));
      } finally {
        socket.close();
      }
    }
  }

  private Socket handshake(Socket raw, String host, int port) throws IOException {
    String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    SSLSocket ssl = (SSLSocket) tls.createSocket(raw, name, port, true);
    SSLParameters params = ssl.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    if (!host.startsWith("[") && !name.matches("[0-9.]+")) {
      params.setServerNames(List.of(new SNIHostName(name)));
    }
    ssl.setSSLParameters(params);
    ssl.startHandshake();
    return ssl;
  }

  private static String head(
      URI uri, int port, boolean https, Map<String, String> headers, int length) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    boolean defaultPort = port == (https ? 443 : 80);
    StringBuilder sb =
        new StringBuilder("POST ")
            .append(target)
            .append(" HTTP/1.1\r\n")
            .append("Host: ")
            .append(uri.getHost())
            .append(defaultPort ? "" : ":" + port)
            .append("\r\n");
    headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
    return sb.append("Content-Length: ")
        .append(length)
        .append("\r\nConnection: close\r\n\r\n")
        .toString();
  }

  /** Reads "HTTP/1.x NNN reason" and returns NNN. */
  private static int status(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      if (line.length() >= MAX_STATUS_LINE) {
        throw new IOException("status line too long");
      }
      line.append((char) c);
    }
    String[] parts = line.toString().trim().split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
      throw new IOException("not an HTTP/1.x response");
    }
    return Integer.parseInt(parts[1]);
  }
}
