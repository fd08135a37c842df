package io.meshdesk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code meshctl version}: prints the build version and the Java runtime. */
@Command(name = "version", description = "Print the meshctl version.")
public final class VersionCommand implements Callable<Integer> {

  /** The version baked into the build. */
  public static String version() {
    try (InputStream in = VersionCommand.class.getResourceAsStream("/meshctl-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public Integer call() {
    System.out.println("meshctl " + version() + " (Java " + Runtime.version() + ")");
    return 0;
  }

  /** Supplies {@code --version}. */
  public static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"meshctl " + version()};
    }
  }
}
