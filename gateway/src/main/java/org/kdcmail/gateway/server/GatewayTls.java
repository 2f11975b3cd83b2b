package org.kdcmail.gateway.server;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.kdcmail.secrets.OwnerOnlyFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's TLS server identity for STARTTLS/STLS: a configured PEM chain and key, or a
 * self-signed P-256 certificate (SAN 127.0.0.1 and localhost, 10 years) made at first start and
 * kept in a folder, the key readable only by its owner.
 */
public final class GatewayTls {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayTls.class);

  /** File name of the generated certificate inside the TLS folder. */
  public static final String CERTIFICATE_FILE = "gateway-cert.pem";

  /** File name of the generated private key inside the TLS folder. */
  public static final String KEY_FILE = "gateway-key.pem";

  private final SSLContext context;
  private final X509Certificate leaf;

  private GatewayTls(SSLContext context, X509Certificate leaf) {
    this.context = context;
    this.leaf = leaf;
  }

  /** Loads the PEM chain (leaf first) and PKCS#8 or SEC1 private key. */
  public static GatewayTls load(Path certificateChain, Path privateKey) throws IOException {
    OwnerOnlyFile.requireOwnerOnly(privateKey, "the gateway's TLS private key");
    List<X509Certificate> chain = readCertificates(certificateChain);
    if (chain.isEmpty()) {
      throw new IOException("no certificate in " + certificateChain);
    }
    PrivateKey key = readKey(privateKey);
    return new GatewayTls(context(chain, key), chain.get(0));
  }

  /**
   * The certificate and key in {@code folder}, made there first if absent.
   *
   * @throws IOException if the folder cannot be written or holds unreadable files
   */
  public static GatewayTls selfSigned(Path folder) throws IOException {
    Path cert = folder.resolve(CERTIFICATE_FILE);
    Path key = folder.resolve(KEY_FILE);
    if (!Files.exists(cert) || !Files.exists(key)) {
      Files.createDirectories(folder);
      generate(cert, key);
    }
    return load(cert, key);
  }

  /** The SSL context for the James servers' STARTTLS/STLS. */
  public SSLContext sslContext() {
    return context;
  }

  /** The leaf certificate clients see. */
  public X509Certificate certificate() {
    return leaf;
  }

  /** SHA-256 of the leaf certificate, colon-separated hex, for users to compare. */
  public String fingerprint() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  private static void generate(Path certFile, Path keyFile) throws IOException {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = g.generateKeyPair();
      X500Name name = new X500Name("CN=kdcmail gateway");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name,
              new BigInteger(128, new SecureRandom()),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(3650))),
              name,
              pair.getPublic());
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")
              }));
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      X509CertificateHolder holder =
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
      // PKCS#8 ("PRIVATE KEY"): the SEC1 form BC writes for a JDK key lacks the curve's name
      OwnerOnlyFile.writeAtomically(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
      Files.write(certFile, pem(cert));
      LOG.info("made a self-signed TLS certificate for 127.0.0.1 and localhost in {}", certFile);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("the JDK cannot make a P-256 certificate", e);
    }
  }

  private static byte[] pem(Object o) throws IOException {
    StringWriter s = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(s)) {
      w.writeObject(o);
    }
    return s.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static List<X509Certificate> readCertificates(Path file) throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser p = new PEMParser(r)) {
      JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
      for (Object o = p.readObject(); o != null; o = p.readObject()) {
        if (o instanceof X509CertificateHolder h) {
          out.add(conv.getCertificate(h));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("unreadable certificate in " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static PrivateKey readKey(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser p = new PEMParser(r)) {
      Object o = p.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair kp) {
        return conv.getKeyPair(kp).getPrivate();
      }
      if (o instanceof PrivateKeyInfo info) {
        return conv.getPrivateKey(info);
      }
      throw new IOException(file + " holds no unencrypted PEM private key");
    }
  }

  private static SSLContext context(List<X509Certificate> chain, PrivateKey key)
      throws IOException {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] none = new char[0];
      ks.setKeyEntry("gateway", key, none, chain.toArray(new Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, none);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "the certificate and key do not make a TLS identity: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "GatewayTls[" + leaf.getSubjectX500Principal() + ", SHA-256 " + fingerprint() + "]";
  }
}
