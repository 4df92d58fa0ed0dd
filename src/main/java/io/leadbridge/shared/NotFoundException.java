package io.leadbridge.shared;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Nothing here by that id, as far as the signed-in person may know: used alike for ids that do not exist and for ids
 * of another workspace, so a page never reveals that the other exists.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFoundException extends RuntimeException {

    public NotFoundException() {
        super("Not found");
    }
}
