package io.aurum.standardize;

/**
 * The email syntax Aurum accepts: a local part of the usual characters, an {@code @}, and a domain of at
 * least two labels with a letter-only top level. Deliberately simpler than RFC 5322: it rejects what real
 * sources get wrong (spaces, missing @, "N/A", trailing dots) without trying to validate mailboxes.
 */
final class EmailSyntax {
  static final String PATTERN =
      "^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$";

  private EmailSyntax() {}
}
