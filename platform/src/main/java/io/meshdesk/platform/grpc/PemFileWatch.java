package io.meshdesk.platform.grpc;

import io.grpc.util.CertificateUtils;
import io.meshdesk.platform.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a set of PEM files once at start and again whenever their contents change, checked every
 * {@code MESHDESK_TLS_RELOAD_INTERVAL}. A change that does not load (a half-written file, a key
 * that does not parse) keeps the previous material and is retried at the next check.
 *
 * <p>Contents are compared rather than modification times, so a renewal is seen whatever the file
 * system's timestamp resolution and however the files were replaced (rename, copy, symlink swap).
 * grpc-java's own file-reloading managers are not used: they silently raise any period below one
 * minute to one minute and wait a whole period before the first check.
 */
public final class PemFileWatch implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PemFileWatch.class);

  /** Turns the files' current contents into live TLS material. */
  @FunctionalInterface
  public interface Loader {
    /**
     * Applies {@code contents}, one entry per watched file in order; throws if they are unusable.
     */
    void load(List<byte[]> contents) throws Exception;
  }

  private final String setting;
  private final List<Path> files;
  private final Loader loader;
  private final ScheduledExecutorService scheduler;
  private List<byte[]> applied;
  private List<byte[]> lastFailed;

  private PemFileWatch(String setting, List<Path> files, Loader loader) {
    this.setting = setting;
    this.files = List.copyOf(files);
    this.loader = loader;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tls-reload");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Loads {@code files} now and then watches them.
   *
   * @param setting the variables naming the files, for errors and logs
   * @throws ConfigException when the files cannot be read or loaded at start
   */
  public static PemFileWatch start(
      String setting, List<Path> files, Duration interval, Loader loader) {
    PemFileWatch watch = new PemFileWatch(setting, files, loader);
    try {
      List<byte[]> contents = watch.read();
      loader.load(contents);
      watch.applied = contents;
    } catch (Exception e) {
      watch.close();
      throw new ConfigException(setting, "could not be loaded: " + e.getMessage());
    }
    long period = interval.toMillis();
    watch.scheduler.scheduleWithFixedDelay(watch::check, period, period, TimeUnit.MILLISECONDS);
    return watch;
  }

  private List<byte[]> read() throws IOException {
    List<byte[]> contents = new ArrayList<>(files.size());
    for (Path f : files) {
      contents.add(Files.readAllBytes(f));
    }
    return contents;
  }

  private void check() {
    List<byte[]> contents;
    try {
      contents = read();
    } catch (IOException e) {
      log.warn("{}: could not be re-read ({}); keeping the loaded ones", setting, e.toString());
      return;
    }
    if (same(contents, applied) || same(contents, lastFailed)) {
      return;
    }
    try {
      loader.load(contents);
      applied = contents;
      lastFailed = null;
      log.info("{}: changed files loaded; new connections use them", setting);
    } catch (Exception e) {
      lastFailed = contents;
      log.warn(
          "{}: changed but could not be loaded ({}); keeping the previous ones",
          setting,
          e.toString());
    }
  }

  private static boolean same(List<byte[]> a, List<byte[]> b) {
    if (b == null) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The X.509 certificates of PEM {@code pem}, leaf first. */
  public static X509Certificate[] certificates(byte[] pem) throws CertificateException {
    X509Certificate[] chain = CertificateUtils.getX509Certificates(new ByteArrayInputStream(pem));
    if (chain.length == 0) {
      throw new CertificateException("no certificate in the file");
    }
    return chain;
  }

  /** The PKCS#8 private key of PEM {@code pem}. */
  public static PrivateKey privateKey(byte[] pem) throws IOException, GeneralSecurityException {
    return CertificateUtils.getPrivateKey(new ByteArrayInputStream(pem));
  }

  /** Stops watching. */
  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
