package io.meshdesk.platform.errors;

/**
 * A request field is invalid in a way the contract's validation rules cannot express (an unknown
 * assignee, a currency that differs from the card's). {@link #field()} names the field.
 */
public class InvalidArgumentException extends DomainException {

  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidArgumentException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** The request field at fault, as a path like {@code assignee_id}. */
  public String field() {
    return field;
  }
}
