package io.leadbridge.privacy.web;

import io.leadbridge.text.EmailAddresses;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The erasure's form: the address found, and the same address typed again to confirm. */
public class EraseForm {

    @NotBlank(message = "{validation.required}")
    @Size(max = 254, message = "{validation.size.max}")
    @Pattern(regexp = EmailAddresses.REGEX_OR_BLANK, message = "{validation.email}")
    private String email;

    @NotBlank(message = "{validation.required}")
    @Size(max = 254, message = "{validation.size.max}")
    private String confirmation;

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }

    /** Whether the typed-again address is the same, whatever the case and surrounding spaces. */
    boolean confirmed() {
        return email != null && confirmation != null && email.strip().equalsIgnoreCase(confirmation.strip());
    }
}
