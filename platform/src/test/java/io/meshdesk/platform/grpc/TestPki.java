package io.meshdesk.platform.grpc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Throwaway CAs and certificates for TLS tests, made with the JDK's keytool. */
final class TestPki {

  private static final String PASS = "test-only";
  private final Path dir;

  TestPki(Path dir) {
    this.dir = dir;
  }

  /** Creates a CA named {@code name}; returns its PEM certificate file. */
  Path ca(String name) throws Exception {
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
        "-ext", "bc:c", "-validity", "2", "-keystore", store(name).toString(), "-storepass", PASS, "-storetype", "PKCS12");
    Path pem = dir.resolve(name + ".pem");
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store(name).toString(), "-storepass", PASS,
        "-file", pem.toString());
    return pem;
  }

  /** Issues a certificate for localhost signed by CA {@code ca}; returns {cert.pem, key.pem}. */
  Path[] issue(String ca, String name) throws Exception {
    Path ks = store(name);
    keytool("-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
        "-validity", "2", "-keystore", ks.toString(), "-storepass", PASS, "-storetype", "PKCS12");
    Path csr = dir.resolve(name + ".csr");
    keytool("-certreq", "-alias", "leaf", "-keystore", ks.toString(), "-storepass", PASS, "-file", csr.toString());
    Path cert = dir.resolve(name + ".crt.pem");
    keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", store(ca).toString(), "-storepass", PASS,
        "-infile", csr.toString(), "-outfile", cert.toString(), "-validity", "2",
        "-ext", "san=dns:localhost,ip:127.0.0.1");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, PASS.toCharArray());
    }
    PrivateKey key = (PrivateKey) store.getKey("leaf", PASS.toCharArray());
    Path keyPem = dir.resolve(name + ".key.pem");
    Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    return new Path[] {cert, keyPem};
  }

  private Path store(String name) {
    return dir.resolve(name + ".p12");
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.add("-noprompt");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
  }
}
