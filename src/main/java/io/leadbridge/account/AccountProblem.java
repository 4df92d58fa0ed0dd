package io.leadbridge.account;

/**
 * A rule of the accounts module said no. {@link #field()} names the form field the answer belongs to (or null for
 * the whole form) and {@link #messageCode()} the message to show.
 */
public class AccountProblem extends RuntimeException {

    private final String field;
    private final String messageCode;

    AccountProblem(String field, String messageCode) {
        super(messageCode);
        this.field = field;
        this.messageCode = messageCode;
    }

    public String field() {
        return field;
    }

    public String messageCode() {
        return messageCode;
    }

    static AccountProblem emailTaken() {
        return new AccountProblem("email", "account.email.taken");
    }

    static AccountProblem tooManySignUps() {
        return new AccountProblem(null, "account.signUp.throttled");
    }

    static AccountProblem lastAdmin() {
        return new AccountProblem(null, "account.lastAdmin");
    }

    static AccountProblem selfDeactivation() {
        return new AccountProblem(null, "account.selfDeactivation");
    }

    static AccountProblem changedMeanwhile() {
        return new AccountProblem(null, "account.changedMeanwhile");
    }
}
