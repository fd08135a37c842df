package io.meshdesk.platform.grpc;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throwaway CAs and localhost certificates (valid two days, EC P-256), for {@code meshctl dev
 * --tls} and TLS tests. The CA keys never leave this object; leaf keys are written as PKCS#8 PEM.
 */
public final class ThrowawayPki {

  private static final Duration VALIDITY = Duration.ofDays(2);
  private final Path dir;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Issuer> cas = new HashMap<>();

  private record Issuer(X500Name name, KeyPair keys) {}

  /** Keeps every file in {@code dir}. */
  public ThrowawayPki(Path dir) {
    this.dir = dir;
  }

  /** Creates a CA named {@code name}; returns its PEM certificate file. */
  public Path ca(String name) throws Exception {
    KeyPair keys = keyPair();
    X500Name subject = new X500Name("CN=" + name);
    X509v3CertificateBuilder b =
        builder(subject, subject, keys)
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
            .addExtension(
                Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    X509Certificate cert = sign(b, keys);
    cas.put(name, new Issuer(subject, keys));
    return write(dir.resolve(name + ".pem"), cert);
  }

  /**
   * Issues a certificate for {@code localhost} and {@code 127.0.0.1} signed by CA {@code ca},
   * usable by servers and clients; returns {cert.pem, key.pem}.
   */
  public Path[] issue(String ca, String name) throws Exception {
    Issuer issuer = cas.get(ca);
    if (issuer == null) {
      throw new IllegalArgumentException("no CA named " + ca);
    }
    KeyPair keys = keyPair();
    X509v3CertificateBuilder b =
        builder(issuer.name(), new X500Name("CN=" + name), keys)
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
            .addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(
                    new GeneralName[] {
                      new GeneralName(GeneralName.dNSName, "localhost"),
                      new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                    }));
    X509Certificate cert = sign(b, issuer.keys());
    Path certFile = write(dir.resolve(name + ".crt.pem"), cert);
    Path keyFile =
        write(
            dir.resolve(name + ".key.pem"),
            new JcaPKCS8Generator(keys.getPrivate(), null).generate());
    return new Path[] {certFile, keyFile};
  }

  private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(64, random).abs().add(BigInteger.ONE),
        Date.from(now.minus(Duration.ofMinutes(5))),
        Date.from(now.plus(VALIDITY)),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }

  private KeyPair keyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    return g.generateKeyPair();
  }

  private static Path write(Path file, Object pemObject) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(pemObject);
    }
    return Files.writeString(file, text.toString());
  }
}
