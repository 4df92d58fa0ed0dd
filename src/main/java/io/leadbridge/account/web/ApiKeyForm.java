package io.leadbridge.account.web;

import io.leadbridge.text.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An admin names a new API key after what will use it ("HubSpot", "Website form"). */
public class ApiKeyForm {

    @NotBlank(message = "{validation.required}")
    @Size(max = 80, message = "{validation.size.max}")
    @PlainText
    private String name;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
