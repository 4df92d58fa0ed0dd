package io.leadbridge.account.web;

final class EmailFormat {

    /** Something@something.tld, no spaces: what a person means by an e-mail address, without RFC 5322's corners. */
    static final String REGEX = "^\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]{2,}\\s*$";

    private EmailFormat() {}
}
