package io.leadbridge.web;

import java.io.IOException;

/** A request body beyond what the endpoint accepts. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("The body is larger than the limit of " + limit + " bytes.");
    }
}
