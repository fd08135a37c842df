package io.meshdesk.platform.config;

/** A configuration variable is missing or malformed; the message names the variable. */
public class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String variable, String problem) {
    super(variable + " " + problem);
  }
}
